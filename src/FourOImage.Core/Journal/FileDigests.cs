using System;
using System.Collections.Generic;
using System.IO;
using FourOImage.Core.Hosting;

namespace FourOImage.Core.Journal;

/// <summary>
/// The content hashes of local input files for request identities. A file is read once per (path, length, last write
/// time), so a batch that uses one reference image in 500 rows hashes it once. Thread-safe.
/// </summary>
public sealed class FileDigests
{
    private readonly Dictionary<string, string> cache = new(StringComparer.Ordinal);
    private readonly object gate = new();

    /// <summary>"sha256:&lt;hex&gt;" of the file's content, or "missing:&lt;full path&gt;" when it cannot be read (the upload reports why).</summary>
    public string Describe(string path)
    {
        string fullPath = Path.GetFullPath(path);
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return "missing:" + fullPath;
        }

        string key = fullPath + "|" + info.Length + "|" + info.LastWriteTimeUtc.Ticks;
        lock (gate)
        {
            if (cache.TryGetValue(key, out string? known))
            {
                return known;
            }
        }

        string digest;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var sha = Sha256Choice.Create();
            digest = "sha256:" + RequestIdentity.Hex(sha.ComputeHash(stream));
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return "missing:" + fullPath;
        }

        lock (gate)
        {
            cache[key] = digest;
        }

        return digest;
    }
}
