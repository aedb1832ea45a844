using System;
using System.Collections.Generic;
using System.Text;

namespace FourOImage.Core.Downloads;

/// <summary>
/// The file names the images of one downloader (one Save-4oImage call) have taken, so no two of them ever get one
/// path, whatever order they finish in. Names are compared as the strictest file system does: case and Unicode
/// normalisation ignored. Thread-safe.
/// </summary>
internal sealed class FileNameClaims
{
    private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);

    /// <summary>Takes the name for <paramref name="owner"/>; false when another image holds it.</summary>
    public bool TryClaim(string fileName, string owner)
    {
        var key = Key(fileName);
        lock (owners)
        {
            if (owners.TryGetValue(key, out var holder))
            {
                return holder == owner;
            }

            owners.Add(key, owner);
            return true;
        }
    }

    public bool IsTakenByAnother(string fileName, string owner)
    {
        lock (owners)
        {
            return owners.TryGetValue(Key(fileName), out var holder) && holder != owner;
        }
    }

    public void Release(string fileName, string owner)
    {
        var key = Key(fileName);
        lock (owners)
        {
            if (owners.TryGetValue(key, out var holder) && holder == owner)
            {
                owners.Remove(key);
            }
        }
    }

    /// <summary>The names an image may take, in order: the rendered name, then "name (2).ext", "name (3).ext"...</summary>
    public static IEnumerable<string> Candidates(string fileName, int count)
    {
        yield return fileName;
        int dot = fileName.LastIndexOf('.');
        string stem = dot > 0 ? fileName.Substring(0, dot) : fileName;
        string extension = dot > 0 ? fileName.Substring(dot) : string.Empty;
        for (int copy = 2; copy <= count; copy++)
        {
            yield return $"{stem} ({copy}){extension}";
        }
    }

    private static string Key(string fileName) => fileName.Normalize(NormalizationForm.FormC).ToUpperInvariant();
}
