using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FourOImage.Core.Hosting;

namespace FourOImage.Core.Text;

/// <summary>
/// Text that was UTF-8 but was read in a legacy ANSI code page: what Windows PowerShell 5.1's Import-Csv does to a
/// UTF-8 file without a byte order mark ("café" becomes "cafÃ©", "—" becomes "â€”"). Such text is recognised exactly:
/// written back in the code page it was read in, it gives valid UTF-8 that says something else. Real text in a Latin
/// language almost never does ("café" written in Windows-1252 is not valid UTF-8).
/// </summary>
public static class Mojibake
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<IReadOnlyList<Encoding>> Legacy = new(LegacyEncodings);

    /// <summary>The text as it was before it was read in a legacy code page, or null when it does not look mis-read.</summary>
    public static string? Repair(string? text)
    {
        if (string.IsNullOrEmpty(text) || IsAscii(text!))
        {
            return null;
        }

        foreach (Encoding encoding in Legacy.Value)
        {
            byte[] bytes;
            string repaired;
            try
            {
                bytes = encoding.GetBytes(text);
                repaired = StrictUtf8.GetString(bytes);
            }
            catch (ArgumentException)
            {
                continue; // Not all of it exists in this code page, or the bytes are not UTF-8: not read this way.
            }

            if (!string.Equals(repaired, text, StringComparison.Ordinal))
            {
                return repaired;
            }
        }

        return null;
    }

    /// <summary>Mis-read text (see <see cref="Repair"/>), or text with U+FFFD, the mark of bytes a decoder could not read.</summary>
    public static bool LooksMisdecoded(string? text) => text != null && (text.IndexOf('\uFFFD') >= 0 || Repair(text) != null);

    /// <summary>The same text, one of them perhaps mis-read: "café" and "cafÃ©" are the same, "café" and "cafè" are not.</summary>
    public static bool SameText(string? a, string? b, Func<string?, string> normalize)
    {
        string plainA = normalize(a);
        string plainB = normalize(b);
        return string.Equals(plainA, plainB, StringComparison.Ordinal)
            || string.Equals(normalize(Repair(a) ?? a), plainB, StringComparison.Ordinal)
            || string.Equals(plainA, normalize(Repair(b) ?? b), StringComparison.Ordinal);
    }

    /// <summary>Only the ASCII characters: what survives being read in any single-byte code page unchanged.</summary>
    public static string AsciiSkeleton(string text)
    {
        var skeleton = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c < 0x80)
            {
                skeleton.Append(c);
            }
        }

        return skeleton.ToString();
    }

    private static bool IsAscii(string text)
    {
        foreach (char c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Windows-1252 (Western Europe, the usual ANSI code page), the current culture's ANSI code page and, on .NET
    /// Framework, the system's: each that this process can encode in (.NET Framework always; PowerShell 7 registers the
    /// code-page encodings). Unavailable ones are left out, and then only the journal's row check protects a resume.
    /// </summary>
    private static IReadOnlyList<Encoding> LegacyEncodings()
    {
        var pages = new List<int> { 1252, CultureInfo.CurrentCulture.TextInfo.ANSICodePage };
        if (RuntimeSupport.OnNetFramework)
        {
            pages.Add(Encoding.Default.CodePage);
        }

        var encodings = new List<Encoding>();
        foreach (int page in pages)
        {
            if (page == Encoding.UTF8.CodePage || encodings.Exists(e => e.CodePage == page))
            {
                continue;
            }

            try
            {
                encodings.Add(Encoding.GetEncoding(page, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
            }
            catch (Exception error) when (error is ArgumentException || error is NotSupportedException)
            {
                // Not available in this process.
            }
        }

        return encodings;
    }
}
