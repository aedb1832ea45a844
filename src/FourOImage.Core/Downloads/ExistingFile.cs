using System;
using System.IO;

namespace FourOImage.Core.Downloads;

/// <summary>A file already at a target path, checked cheaply: its size and its first bytes.</summary>
internal sealed class ExistingFile
{
    private ExistingFile(long bytes, bool isImage)
    {
        Bytes = bytes;
        IsImage = isImage;
    }

    public long Bytes { get; }

    /// <summary>Not empty and starts like a PNG, JPEG or WebP image.</summary>
    public bool IsImage { get; }

    public static ExistingFile? Find(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        return new ExistingFile(info.Length, info.Length > 0 && StartsLikeImage(path));
    }

    private static bool StartsLikeImage(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ImageFileWriter.HeaderLength);
            var header = new byte[ImageFileWriter.HeaderLength];
            var count = 0;
            int read;
            while (count < header.Length && (read = stream.Read(header, count, header.Length - count)) > 0)
            {
                count += read;
            }

            return ImageSignature.MimeType(header, count) is not null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return false;
        }
    }
}
