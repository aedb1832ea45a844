using System;
using System.IO;
using System.Security.Cryptography;
using FourOImage.Core.Hosting;

namespace FourOImage.Core.Downloads;

/// <summary>The folder images are saved in, and the guard that keeps every file inside it.</summary>
internal sealed class TargetFolder
{
    // Windows paths compare without case; the separator tells the platforms apart without any extra assembly.
    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly bool pathLimit;

    public TargetFolder(string directory)
        : this(directory, LegacyPathLimit.Applies)
    {
    }

    /// <param name="directory">The folder.</param>
    /// <param name="pathLimit">Refuse paths Windows PowerShell 5.1 cannot use (<see cref="LegacyPathLimit"/>).</param>
    internal TargetFolder(string directory, bool pathLimit)
    {
        this.pathLimit = pathLimit;
        try
        {
            // The parent of a probe file is the folder's canonical form, whatever separators the caller wrote.
            FullPath = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(directory, "probe")))!;
        }
        catch (PathTooLongException error)
        {
            throw LegacyPathLimit.TooLong(directory, "folder", LegacyPathLimit.MaxFolder, error);
        }

        LegacyPathLimit.Check(FullPath, "folder", isFolder: true, pathLimit);
    }

    public string FullPath { get; }

    public void Create() => Directory.CreateDirectory(FullPath);

    /// <summary>The full path of a file directly in the folder; throws when the name would put it anywhere else.</summary>
    public string Resolve(string fileName)
    {
        var full = Path.GetFullPath(Path.Combine(FullPath, fileName));
        if (!string.Equals(Path.GetDirectoryName(full), FullPath, PathComparison)
            || !string.Equals(Path.GetFileName(full), fileName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The file name '{fileName}' does not stay directly inside {FullPath}.", nameof(SaveOptions.FileNameTemplate));
        }

        LegacyPathLimit.Check(full, "image file", isFolder: false, pathLimit);
        return full;
    }

    /// <summary>
    /// Removes the temporary files of writers that died (a killed process leaves its ".partial" file behind). A live
    /// writer holds its file with FileShare.None (on Unix an exclusive flock, released when a process dies), so a
    /// file that can be opened exclusively has no writer left.
    /// </summary>
    public void RemoveAbandonedTempFiles()
    {
        foreach (var path in Directory.EnumerateFiles(FullPath, ".*" + TempSuffix))
        {
            if (!IsTempName(Path.GetFileName(path)))
            {
                continue;
            }

            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Still being written, or not ours to remove.
            }
        }
    }

    /// <summary>A fresh hidden temporary name next to the final file, so the rename never crosses volumes.</summary>
    public string NewTempPath(string fileName)
    {
        var bytes = new byte[6];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        var stem = fileName.Length > 100 ? fileName.Substring(0, 100) : fileName;
        var path = Path.Combine(FullPath, $".{stem}.{BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant()}{TempSuffix}");
        LegacyPathLimit.Check(path, "temporary image file", isFolder: false, pathLimit);
        return path;
    }

    private const string TempSuffix = ".partial";
    private const int TempIdLength = 12;

    // ".<stem>.<12 hex digits>.partial", exactly as NewTempPath makes them.
    private static bool IsTempName(string name)
    {
        int idStart = name.Length - TempSuffix.Length - TempIdLength;
        if (!name.StartsWith(".", StringComparison.Ordinal) || !name.EndsWith(TempSuffix, StringComparison.Ordinal) || idStart < 2 || name[idStart - 1] != '.')
        {
            return false;
        }

        for (int i = idStart; i < idStart + TempIdLength; i++)
        {
            char c = name[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
