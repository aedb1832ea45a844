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

        return new ExistingFile(info.Length, info.Length > 0 && ImageSignature.DetectFile(path) is not null);
    }

    public static ExistingFile Broken(long bytes) => new(bytes, false);
}
