using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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

    /// <summary>
    /// The full path of a file directly in the folder; throws when the name would put it anywhere else, or when it has
    /// the form of the module's temporary files (which a later save would clean away).
    /// </summary>
    public string Resolve(string fileName)
    {
        if (fileName.EndsWith(TempSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The file name '{fileName}' ends in '{TempSuffix}', the mark of FourOImage's temporary files; choose another file name.",
                nameof(SaveOptions.FileNameTemplate));
        }

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
    /// Whether a file of this name is in the folder: exactly, or only under a name that differs in case. The second
    /// counts as taken too, so a folder made on a case-sensitive file system still works on Windows and macOS. The
    /// folder is listed once; names this process creates later are added with <see cref="Remember"/>.
    /// </summary>
    public NamePresence Lookup(string fileName)
    {
        if (File.Exists(Path.Combine(FullPath, fileName)) || Directory.Exists(Path.Combine(FullPath, fileName)))
        {
            return NamePresence.Exact;
        }

        lock (namesGate)
        {
            namesIgnoringCase ??= ListNames();

            // A listed name in exactly this case is no longer there (it was removed since the listing).
            return namesIgnoringCase.TryGetValue(fileName, out var listed) && !string.Equals(listed, fileName, StringComparison.Ordinal)
                ? NamePresence.OtherCase
                : NamePresence.Absent;
        }
    }

    /// <summary>Adds a name this process just created to the listing <see cref="Lookup"/> keeps.</summary>
    public void Remember(string fileName)
    {
        lock (namesGate)
        {
            if (namesIgnoringCase is not null && !namesIgnoringCase.ContainsKey(fileName))
            {
                namesIgnoringCase[fileName] = fileName;
            }
        }
    }

    /// <summary>
    /// Removes the temporary files of writers that died (a killed process leaves its temporary file behind). Only
    /// files named the way <see cref="NewTempPath"/> names them are touched (no file name a template makes can look like
    /// that), and only when nobody writes them: a live writer holds its file with FileShare.None (on Unix an exclusive
    /// flock, released when a process dies), so a file that can be opened exclusively has no writer left. Files of this
    /// process are never touched: between the download and the rename (the image check, the metadata) nobody holds
    /// them, and another Save-4oImage of the process (ForEach-Object -Parallel) may sweep the same folder.
    /// </summary>
    public void RemoveAbandonedTempFiles()
    {
        foreach (var path in Directory.EnumerateFiles(FullPath, ".*" + TempSuffix))
        {
            if (!IsTempName(Path.GetFileName(path)) || s_inUse.ContainsKey(path))
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

        var stem = SafeFileName.CutToBytes(fileName, 100); // ".<stem>.<12 hex>.fouroimage.partial" stays within 255 bytes
        var path = Path.Combine(FullPath, $".{stem}.{BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant()}{TempSuffix}");
        LegacyPathLimit.Check(path, "temporary image file", isFolder: false, pathLimit);
        s_inUse[path] = 0;
        return path;
    }

    /// <summary>The temporary file is gone or renamed: it is no longer this process's to keep from the sweep.</summary>
    public static void Release(string path) => s_inUse.TryRemove(path, out _);

    // Temporary files of this process not yet renamed or deleted, whichever Save-4oImage made them.
    private static readonly ConcurrentDictionary<string, byte> s_inUse = new(StringComparer.Ordinal);

    /// <summary>The end of every temporary file's name; <see cref="Resolve"/> refuses it for final names.</summary>
    internal const string TempSuffix = ".fouroimage.partial";
    private const int TempIdLength = 12;

    private readonly object namesGate = new();
    private Dictionary<string, string>? namesIgnoringCase;

    private Dictionary<string, string> ListNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(FullPath))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(FullPath))
            {
                var name = Path.GetFileName(entry);
                if (!names.ContainsKey(name))
                {
                    names[name] = name;
                }
            }
        }

        return names;
    }

    // ".<stem>.<12 hex digits>.fouroimage.partial", exactly as NewTempPath makes them.
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

/// <summary>What <see cref="TargetFolder.Lookup"/> found for a name.</summary>
internal enum NamePresence
{
    Absent,

    /// <summary>A file or folder of exactly this name.</summary>
    Exact,

    /// <summary>Only a file or folder whose name differs in case (on a case-sensitive file system).</summary>
    OtherCase,
}
