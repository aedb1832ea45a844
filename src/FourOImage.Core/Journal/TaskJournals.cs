using System;
using System.Collections.Generic;
using System.IO;

namespace FourOImage.Core.Journal;

/// <summary>
/// What Wait-4oImageTask, Save-4oImage and New-4oImage -Wait record about tasks that came from a journal (an
/// <see cref="ImageTask"/> with a journal path): finished tasks and saved files, so Get-4oImageJournal can tell how
/// the batch ended. Holds one lease per journal until disposed. Never throws: a journal that cannot be written only
/// costs the summary, never the images, and is reported through <c>report</c>.
/// </summary>
public sealed class TaskJournals : IDisposable
{
    private readonly Dictionary<string, JournalLease?> leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> pathByTask = new(StringComparer.Ordinal);
    private readonly Action<string> report;
    private readonly object gate = new();
    private bool disposed;

    /// <param name="report">Where to say that a journal could not be written (verbose output).</param>
    public TaskJournals(Action<string> report)
    {
        this.report = report ?? throw new ArgumentNullException(nameof(report));
    }

    /// <summary>Remembers which journal a task belongs to; does nothing for a task without one.</summary>
    public void Track(ImageTask? task)
    {
        if (task?.JournalPath is not string path)
        {
            return;
        }

        lock (gate)
        {
            pathByTask[task.TaskId] = path;
        }
    }

    /// <summary>Records a finished task in its journal, and hands the journal on to this newer snapshot of the task.</summary>
    public void RecordFinished(ImageTask task)
    {
        Write(task, journal =>
        {
            if (task.IsFinished && !journal.IsFinishedRecorded(task))
            {
                journal.RecordFinished(task);
            }
        });
    }

    /// <summary>Records a file that is on disk and verified (just saved, or found complete).</summary>
    public void RecordSaved(ImageTask task, int index, string path, long bytes)
    {
        Write(task, journal =>
        {
            if (!journal.IsSaved(task.TaskId, index))
            {
                journal.RecordSaved(task.TaskId, index, path, bytes);
            }
        });
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var lease in leases.Values)
            {
                lease?.Dispose();
            }

            leases.Clear();
        }
    }

    private void Write(ImageTask task, Action<BatchJournal> write)
    {
        string? path;
        BatchJournal? journal;
        lock (gate)
        {
            path = task.JournalPath;
            if (disposed || (path is null && !pathByTask.TryGetValue(task.TaskId, out path)))
            {
                return;
            }

            task.JournalPath = path;
            journal = LeaseFor(path)?.Journal;
        }

        if (journal is null)
        {
            return;
        }

        try
        {
            write(journal);
        }
        catch (Exception error) when (error is IOException || error is ObjectDisposedException || error is UnauthorizedAccessException)
        {
            report($"Could not record task {task.TaskId} in the journal '{path}': {error.Message}");
        }
    }

    private JournalLease? LeaseFor(string path)
    {
        if (!leases.TryGetValue(path, out var lease))
        {
            lease = JournalRegistry.Attach(path, out string? problem);
            leases.Add(path, lease);
            if (lease is null)
            {
                report($"Finished tasks and saved files are not recorded in the journal '{path}': {problem}");
            }
        }

        return lease;
    }
}
