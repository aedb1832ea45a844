using System;
using System.Collections.Generic;
using System.IO;
using FourOImage.Core.Hosting;

namespace FourOImage.Core;

/// <summary>
/// A local file checked against the service's input rules (png, jpg/jpeg/jfif/pjpeg/pjp or webp; at most 25 MiB)
/// before a single byte is sent. Errors name the path.
/// </summary>
internal sealed class LocalImageFile
{
    public const long MaxBytes = 25L * 1024 * 1024;

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jfif", ".pjpeg", ".pjp", ".webp",
    };

    private LocalImageFile(string fullPath, string mimeType, long length)
    {
        FullPath = fullPath;
        MimeType = mimeType;
        Length = length;
    }

    public string FullPath { get; }

    /// <summary>From the file's signature, not its name.</summary>
    public string MimeType { get; }

    public long Length { get; }

    public string FileName => Path.GetFileName(FullPath);

    public static LocalImageFile Inspect(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (PathTooLongException e)
        {
            throw LegacyPathLimit.TooLong(path, "image file", LegacyPathLimit.MaxPath, e);
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
        {
            throw new ArgumentException($"'{path}' is not a valid file path: {e.Message}", nameof(path), e);
        }

        LegacyPathLimit.Check(fullPath, "image file");

        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Cannot upload '{fullPath}': the file does not exist.", fullPath);
        }

        var extension = Path.GetExtension(fullPath);
        if (!Extensions.Contains(extension))
        {
            throw new ArgumentException(
                $"Cannot upload '{fullPath}': the service takes .png, .jpg, .jpeg, .jfif, .pjpeg, .pjp and .webp images, not '{extension}'.", nameof(path));
        }

        var length = new FileInfo(fullPath).Length;
        if (length == 0)
        {
            throw new ArgumentException($"Cannot upload '{fullPath}': the file is empty.", nameof(path));
        }

        if (length > MaxBytes)
        {
            throw new ArgumentException(
                $"Cannot upload '{fullPath}': it is {length:N0} bytes; the service takes at most 25 MiB ({MaxBytes:N0} bytes).", nameof(path));
        }

        var header = new byte[12];
        int read;
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            read = ReadFully(stream, header);
        }

        var mimeType = ImageSignature.MimeType(header, read)
            ?? throw new ArgumentException(
                $"Cannot upload '{fullPath}': its content is not a PNG, JPEG or WebP image.", nameof(path));
        return new LocalImageFile(fullPath, mimeType, length);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += n;
        }

        return total;
    }
}
