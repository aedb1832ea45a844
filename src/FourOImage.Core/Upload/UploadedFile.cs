using System;

namespace FourOImage;

/// <summary>A local image sent to the upload service. Its string form is the URL, so it binds wherever an image URL is expected.</summary>
public sealed class UploadedFile
{
    public UploadedFile(string localPath, Uri downloadUrl)
    {
        LocalPath = localPath ?? throw new ArgumentNullException(nameof(localPath));
        DownloadUrl = downloadUrl ?? throw new ArgumentNullException(nameof(downloadUrl));
    }

    /// <summary>The full path of the file that was sent.</summary>
    public string LocalPath { get; }

    /// <summary>Where the service keeps the file (temporarily: 1 to 3 days). Pass this as an image URL.</summary>
    public Uri DownloadUrl { get; }

    public string? FileName { get; internal set; }

    /// <summary>The service's path of the file.</summary>
    public string? FilePath { get; internal set; }

    public long? FileSize { get; internal set; }

    public string? MimeType { get; internal set; }

    public DateTimeOffset? UploadedAt { get; internal set; }

    public override string ToString() => DownloadUrl.AbsoluteUri;
}
