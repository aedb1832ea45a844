using System;

namespace FourOImage.Emulator.Uploads;

/// <summary>One uploaded file, served from the image host until it expires.</summary>
internal sealed record StoredUpload(string Id, string FileName, string FilePath, string MimeType, byte[] Content, DateTimeOffset UploadedAt)
{
    /// <summary>The service keeps uploads 1 to 3 days; the emulator keeps them 3.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    public bool IsExpired(DateTimeOffset now) => now >= UploadedAt + Retention;
}
