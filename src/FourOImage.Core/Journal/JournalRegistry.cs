using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace FourOImage.Core.Journal;

/// <summary>
/// The journals open in this process, by full path, so the commands of one pipeline (New-4oImage -Journal,
/// Wait-4oImageTask, Save-4oImage) share one writer. Each user holds a <see cref="JournalLease"/>; the file is closed
/// when the last lease is released. Thread-safe.
/// </summary>
public static class JournalRegistry
{
    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly Dictionary<string, Shared> s_open = new(PathComparer);
    private static readonly object s_gate = new();

    /// <summary>Starts a run of New-4oImage on the journal. A journal another command of this process is running on is refused.</summary>
    public static JournalLease StartRun(string path, string moduleVersion, decimal? creditsAtStart)
    {
        string fullPath = Path.GetFullPath(path);
        lock (s_gate)
        {
            if (s_open.TryGetValue(fullPath, out var shared) && shared.HasRun)
            {
                throw new FourOImageException($"The journal '{fullPath}' is in use by another New-4oImage command in this session.");
            }

            if (shared is null)
            {
                shared = new Shared(BatchJournal.Open(fullPath, moduleVersion, creditsAtStart));
                s_open.Add(fullPath, shared);
            }
            else
            {
                shared.Journal.RecordRunStart(moduleVersion, creditsAtStart);
            }

            shared.HasRun = true;
            shared.Users++;
            return new JournalLease(shared.Journal, () => Release(fullPath, endsRun: true));
        }
    }

    /// <summary>
    /// A lease on the journal for recording finished tasks and saved files: the one open in this process, or the file
    /// opened for appending. Null (with the reason in <paramref name="problem"/>) when another process holds it.
    /// </summary>
    public static JournalLease? Attach(string fullPath, out string? problem)
    {
        problem = null;
        lock (s_gate)
        {
            if (!s_open.TryGetValue(fullPath, out var shared))
            {
                try
                {
                    shared = new Shared(BatchJournal.OpenForAppend(fullPath));
                }
                catch (Exception error) when (error is FourOImageException || error is IOException || error is UnauthorizedAccessException)
                {
                    problem = error.Message;
                    return null;
                }

                s_open.Add(fullPath, shared);
            }

            shared.Users++;
            return new JournalLease(shared.Journal, () => Release(fullPath, endsRun: false));
        }
    }

    private static void Release(string fullPath, bool endsRun)
    {
        lock (s_gate)
        {
            if (!s_open.TryGetValue(fullPath, out var shared))
            {
                return;
            }

            if (endsRun)
            {
                shared.HasRun = false;
            }

            if (--shared.Users == 0)
            {
                s_open.Remove(fullPath);
                shared.Journal.Dispose();
            }
        }
    }

    private sealed class Shared
    {
        public Shared(BatchJournal journal) => Journal = journal;

        public BatchJournal Journal { get; }

        public bool HasRun { get; set; }

        public int Users { get; set; }
    }
}
