using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace FourOImage.Emulator.Uploads;

/// <summary>Uploaded files in memory, oldest dropped first beyond a total size.</summary>
internal sealed class UploadStore
{
    private const long MaxTotalBytes = 512L * 1024 * 1024;
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredUpload> _uploads = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _totalBytes;

    public StoredUpload Add(string fileName, string filePath, string mimeType, byte[] content, DateTimeOffset now)
    {
        var upload = new StoredUpload(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), fileName, filePath, mimeType, content, now);
        lock (_gate)
        {
            _uploads[upload.Id] = upload;
            _order.Enqueue(upload.Id);
            _totalBytes += content.Length;
            while (_totalBytes > MaxTotalBytes && _order.Count > 1 && _uploads.Remove(_order.Dequeue(), out var dropped))
            {
                _totalBytes -= dropped.Content.Length;
            }
        }

        return upload;
    }

    /// <summary>The upload at "{id}/{fileName}" (the path of its download URL) while it is kept.</summary>
    public StoredUpload? FindLive(string idAndName, DateTimeOffset now)
    {
        var slash = idAndName.IndexOf('/');
        StoredUpload? upload = null;
        lock (_gate)
        {
            if (slash > 0)
            {
                _uploads.TryGetValue(idAndName[..slash], out upload);
            }
        }

        return upload is not null && !upload.IsExpired(now) && string.Equals(idAndName[(slash + 1)..], upload.FileName, StringComparison.Ordinal)
            ? upload
            : null;
    }
}
