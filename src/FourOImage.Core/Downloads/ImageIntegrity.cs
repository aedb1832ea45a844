using System;
using System.IO;
using FourOImage.Core.Metadata;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Checks a downloaded image's framing from end to end before it takes its name, without decoding pixels: a PNG's every
/// chunk and CRC up to IEND, a JPEG's segments up to the scan and its end marker, a WebP's RIFF size and chunks. A body
/// that starts like an image and then goes wrong (zeros, a flipped byte, a cut) is caught here, not later by a viewer.
/// </summary>
internal static class ImageIntegrity
{
    /// <summary>What is wrong with the file, or null when its framing is whole.</summary>
    public static string? Problem(string path, string mimeType)
    {
        try
        {
            switch (mimeType)
            {
                case "image/png":
                    PngReader.Read(path, verifyEveryChunk: true);
                    return null;
                case "image/jpeg":
                    return JpegProblem(path);
                case "image/webp":
                    return WebPProblem(path);
                default:
                    return "it is not a PNG, JPEG or WebP image";
            }
        }
        catch (InvalidDataException error)
        {
            return "it is not a whole " + Name(mimeType) + " image: " + error.Message.TrimEnd('.');
        }
    }

    private static string Name(string mimeType) => mimeType.Substring("image/".Length).ToUpperInvariant();

    // SOI, then marker segments (each FF xx and a length) up to SOS; then entropy-coded data, where FF is followed by
    // 00 (a stuffed byte), a restart marker (D0-D7) or FF fill, up to EOI (FF D9).
    private static string? JpegProblem(string path)
    {
        using var stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096), 65536);
        if (stream.ReadByte() != 0xFF || stream.ReadByte() != 0xD8)
        {
            return "it is not a whole JPEG image: it does not start with SOI";
        }

        while (true)
        {
            int marker = NextMarker(stream);
            if (marker < 0)
            {
                return "it is not a whole JPEG image: it ends before its image data";
            }

            if (marker == 0xD9)
            {
                return "it is not a whole JPEG image: it ends before its image data";
            }

            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            {
                continue; // markers without a length
            }

            int high = stream.ReadByte();
            int low = stream.ReadByte();
            if (low < 0)
            {
                return "it is not a whole JPEG image: a segment header is cut short";
            }

            int length = (high << 8) | low;
            if (length < 2 || stream.Position + length - 2 > stream.Length)
            {
                return $"it is not a whole JPEG image: the segment FF{marker:X2} at byte {stream.Position - 4} runs past the end";
            }

            stream.Seek(length - 2, SeekOrigin.Current);
            if (marker == 0xDA)
            {
                return ScanProblem(stream);
            }
        }
    }

    private static string? ScanProblem(Stream stream)
    {
        int previous = -1;
        for (int b = stream.ReadByte(); b >= 0; b = stream.ReadByte())
        {
            if (previous == 0xFF && b == 0xD9)
            {
                return null; // EOI; what follows it (padding, a thumbnail's tail) is not part of the picture
            }

            previous = previous == 0xFF && b == 0xFF ? 0xFF : b;
        }

        return "it is not a whole JPEG image: it ends without its end marker (FF D9)";
    }

    private static int NextMarker(Stream stream)
    {
        int b = stream.ReadByte();
        if (b != 0xFF)
        {
            return b < 0 ? -1 : throw new InvalidDataException($"Byte {stream.Position - 1} should start a marker (FF) but is {b:X2}.");
        }

        do
        {
            b = stream.ReadByte();
        }
        while (b == 0xFF);
        return b;
    }

    // "RIFF", the size of what follows (the file's length - 8), "WEBP", then chunks (four letters, a size, the data
    // padded to an even length) that fill it exactly, the first of them VP8, VP8L or VP8X.
    private static string? WebPProblem(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096);
        var header = new byte[12];
        if (stream.Read(header, 0, 12) != 12)
        {
            return "it is not a whole WebP image: its header is cut short";
        }

        long riffSize = BitConverter.ToUInt32(header, 4);
        if (riffSize + 8 != stream.Length)
        {
            return $"it is not a whole WebP image: its header declares {riffSize + 8} bytes, the file has {stream.Length}";
        }

        var chunk = new byte[8];
        var first = true;
        while (stream.Position < stream.Length)
        {
            if (stream.Read(chunk, 0, 8) != 8)
            {
                return $"it is not a whole WebP image: a chunk header at byte {stream.Position} is cut short";
            }

            var type = System.Text.Encoding.ASCII.GetString(chunk, 0, 4);
            if (first && type != "VP8 " && type != "VP8L" && type != "VP8X")
            {
                return $"it is not a whole WebP image: its first chunk is '{type}', not VP8, VP8L or VP8X";
            }

            first = false;
            long size = BitConverter.ToUInt32(chunk, 4);
            long next = stream.Position + size + (size & 1);
            if (next > stream.Length)
            {
                return $"it is not a whole WebP image: the {type.Trim()} chunk at byte {stream.Position - 8} runs past the end";
            }

            stream.Position = next;
        }

        return first ? "it is not a whole WebP image: it has no image chunk" : null;
    }
}
