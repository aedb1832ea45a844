using System.IO;

namespace FourOImage.Core.Downloads;

/// <summary>Recognises PNG, JPEG and WebP from their first bytes.</summary>
internal static class ImageSignature
{
    /// <summary>Bytes needed to tell the formats apart (WebP: "RIFF", 4 size bytes, "WEBP").</summary>
    public const int Length = 12;

    /// <summary>"png", "jpg", "webp", or null when the bytes are none of these.</summary>
    public static string? Detect(byte[] header, int count)
    {
        if (count >= 8 && header[0] == 0x89 && header[1] == 0x50 && header[2] == 0x4E && header[3] == 0x47
            && header[4] == 0x0D && header[5] == 0x0A && header[6] == 0x1A && header[7] == 0x0A)
        {
            return "png";
        }

        if (count >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return "jpg";
        }

        if (count >= 12 && header[0] == 'R' && header[1] == 'I' && header[2] == 'F' && header[3] == 'F'
            && header[8] == 'W' && header[9] == 'E' && header[10] == 'B' && header[11] == 'P')
        {
            return "webp";
        }

        return null;
    }

    /// <summary>Reads only the first bytes of a file; null when it is empty, unreadable or not a known image.</summary>
    public static string? DetectFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, Length);
            var header = new byte[Length];
            var count = 0;
            int read;
            while (count < Length && (read = stream.Read(header, count, Length - count)) > 0)
            {
                count += read;
            }

            return Detect(header, count);
        }
        catch (IOException)
        {
            return null;
        }
        catch (System.UnauthorizedAccessException)
        {
            return null;
        }
    }
}
