using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace FourOImage.Core.Metadata;

/// <summary>
/// PNG text chunks. Writes iTXt (UTF-8, uncompressed, so the simplest reader sees the text as it is); reads tEXt
/// (Latin-1), zTXt and iTXt, compressed or not.
/// </summary>
internal static class PngText
{
    public const int MaxKeywordLength = 79;

    // A compressed text that inflates past this is not read (a hostile file should not cost memory).
    private const int MaxInflated = 4 * 1024 * 1024;

    private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");
    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>The data of an uncompressed iTXt chunk with no language tag.</summary>
    public static byte[] EncodeInternational(string keyword, string text)
    {
        CheckKeyword(keyword);
        var keywordBytes = Latin1.GetBytes(keyword);
        var textBytes = Utf8.GetBytes(text ?? throw new ArgumentNullException(nameof(text)));
        var data = new byte[keywordBytes.Length + 5 + textBytes.Length];
        Buffer.BlockCopy(keywordBytes, 0, data, 0, keywordBytes.Length);
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL.
        Buffer.BlockCopy(textBytes, 0, data, keywordBytes.Length + 5, textBytes.Length);
        return data;
    }

    /// <summary>The keyword rules of the PNG specification: 1 to 79 printable Latin-1 characters, no leading, trailing or double spaces.</summary>
    public static void CheckKeyword(string keyword)
    {
        if (string.IsNullOrEmpty(keyword) || keyword.Length > MaxKeywordLength || keyword[0] == ' ' || keyword[keyword.Length - 1] == ' ' || keyword.Contains("  "))
        {
            throw new ArgumentException($"'{keyword}' is not a valid PNG keyword.", nameof(keyword));
        }

        foreach (char c in keyword)
        {
            if (c < 32 || (c > 126 && c < 161) || c > 255)
            {
                throw new ArgumentException($"'{keyword}' is not a valid PNG keyword.", nameof(keyword));
            }
        }
    }

    /// <summary>The entry in a text chunk's data, or null when it is not well formed.</summary>
    public static PngTextEntry? TryDecode(string type, byte[] data)
    {
        int keywordEnd = Array.IndexOf(data, (byte)0);
        if (keywordEnd < 1 || keywordEnd > MaxKeywordLength)
        {
            return null;
        }

        string keyword = Latin1.GetString(data, 0, keywordEnd);
        int position = keywordEnd + 1;
        try
        {
            switch (type)
            {
                case PngFormat.Text:
                    return new PngTextEntry(keyword, Latin1.GetString(data, position, data.Length - position));
                case PngFormat.CompressedText:
                    return position < data.Length && data[position] == 0
                        ? new PngTextEntry(keyword, Latin1.GetString(Inflate(data, position + 1)))
                        : null;
                case PngFormat.InternationalText:
                    return DecodeInternational(keyword, data, position);
                default:
                    return null;
            }
        }
        catch (Exception error) when (error is InvalidDataException || error is DecoderFallbackException || error is ArgumentException)
        {
            return null;
        }
    }

    private static PngTextEntry? DecodeInternational(string keyword, byte[] data, int position)
    {
        if (position + 2 > data.Length)
        {
            return null;
        }

        bool compressed = data[position] == 1;
        if (compressed && data[position + 1] != 0)
        {
            return null;
        }

        int languageEnd = Array.IndexOf(data, (byte)0, position + 2);
        int translatedEnd = languageEnd < 0 ? -1 : Array.IndexOf(data, (byte)0, languageEnd + 1);
        if (translatedEnd < 0)
        {
            return null;
        }

        int start = translatedEnd + 1;
        byte[] text = compressed ? Inflate(data, start) : Slice(data, start);
        return new PngTextEntry(keyword, Utf8.GetString(text));
    }

    // zlib: a 2-byte header, deflate data, a 4-byte Adler-32 (not checked: the chunk's CRC already was).
    private static byte[] Inflate(byte[] data, int start)
    {
        if (data.Length - start < 2)
        {
            throw new InvalidDataException("The compressed text is empty.");
        }

        using var input = new MemoryStream(data, start + 2, data.Length - start - 2);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = deflate.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxInflated)
            {
                throw new InvalidDataException("The compressed text is too large.");
            }
        }

        return output.ToArray();
    }

    private static byte[] Slice(byte[] data, int start)
    {
        var slice = new byte[data.Length - start];
        Buffer.BlockCopy(data, start, slice, 0, slice.Length);
        return slice;
    }
}
