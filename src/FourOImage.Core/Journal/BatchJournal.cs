using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using FourOImage.Core.Hosting;

namespace FourOImage.Core.Journal;

/// <summary>
/// An append-only JSON-lines record of a batch, so a re-run never creates (and pays for) a task twice.
/// Every record is flushed to disk before the call returns. Other processes can read the file while it is written.
/// The API key is never written.
/// </summary>
public sealed class BatchJournal : IDisposable
{
    private static readonly byte[] NewLine = { (byte)'\n' };
    private readonly object gate = new();
    private readonly FileStream? stream;
    private readonly JournalLock? writerLock;
    private readonly JournalState state;
    private string runId = Guid.NewGuid().ToString("N");
    private bool tornTail;

    private BatchJournal(string path, FileStream? stream, JournalLock? writerLock, JournalState state, int unreadableLines)
    {
        Path = path;
        this.stream = stream;
        this.writerLock = writerLock;
        this.state = state;
        UnreadableLines = unreadableLines;
    }

    public string Path { get; }

    /// <summary>Lines of the existing journal that could not be read (a torn last write).</summary>
    public int UnreadableLines { get; }

    /// <summary>Opened with <see cref="OpenReadOnly"/>: knows what earlier runs recorded and writes nothing.</summary>
    public bool IsReadOnly => stream is null;

    /// <summary>
    /// Opens (or creates) the journal at <paramref name="path"/>, reads what earlier runs recorded and starts a run.
    /// Only one process can append to a journal at a time; another gets a <see cref="FourOImageException"/> saying so.
    /// </summary>
    public static BatchJournal Open(string path, string moduleVersion, decimal? creditsAtStart)
    {
        var journal = OpenForAppend(path);
        try
        {
            journal.RecordRunStart(moduleVersion, creditsAtStart);
            return journal;
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the journal to add what later stages learn (finished tasks, saved files) without starting a run: for
    /// Wait-4oImageTask and Save-4oImage when the run that created the tasks has already closed it.
    /// </summary>
    public static BatchJournal OpenForAppend(string path)
    {
        var fullPath = FullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new FourOImageException(
                $"The journal '{fullPath}' is a folder. Give the path of a file, such as '{System.IO.Path.Combine(fullPath, "batch.journal")}'.");
        }

        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw JournalLock.CannotWrite(fullPath, directory!, ex);
            }
        }

        var writerLock = JournalLock.Acquire(fullPath);
        FileStream? stream = null;
        try
        {
            try
            {
                // Unbuffered: every record goes to the file in one write, and nothing is left in a buffer to flush
                // (and fail) when the journal is closed.
                stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw JournalLock.CannotWrite(fullPath, fullPath, ex);
            }

            var (state, unreadable) = Load(fullPath);
            EndTornLine(stream);
            return new BatchJournal(fullPath, stream, writerLock, state, unreadable);
        }
        catch
        {
            stream?.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>What earlier runs recorded, for -WhatIf: nothing is created or written; a missing file is an empty journal.</summary>
    public static BatchJournal OpenReadOnly(string path)
    {
        var fullPath = FullPath(path);
        if (!File.Exists(fullPath))
        {
            return new BatchJournal(fullPath, null, null, new JournalState(), 0);
        }

        var (state, unreadable) = Load(fullPath);
        return new BatchJournal(fullPath, null, null, state, unreadable);
    }

    /// <summary>Reads a journal (even one another run is writing) and adds it up.</summary>
    public static JournalSummary Summarize(string path)
    {
        var fullPath = FullPath(path);
        var (state, unreadable) = Load(fullPath);
        return state.Summarize(fullPath, unreadable);
    }

    /// <summary>What the journal holds now, added up as Get-4oImageJournal does.</summary>
    public JournalSummary Summary()
    {
        lock (gate)
        {
            return state.Summarize(Path, UnreadableLines);
        }
    }

    /// <summary>
    /// For a resumed batch, one line: what the journal holds and what will be sent ("Resuming ...: 40 rows recorded: 23
    /// with a task (not sent again), 17 to send."); null for a journal that holds no row yet.
    /// </summary>
    public string? DescribeResume(bool force, bool retryFailed)
    {
        JournalSummary summary = Summary();
        if (summary.Rows == 0)
        {
            return null;
        }

        var text = new System.Text.StringBuilder();
        text.Append("Resuming the batch in ").Append(System.IO.Path.GetFileName(Path)).Append(": ")
            .Append(summary.Rows).Append(" rows recorded, ")
            .Append(summary.Created).Append(" with a task (not sent again");
        if (summary.Failed > 0)
        {
            text.Append(retryFailed ? $"; {summary.Failed} failed, created again: -RetryFailed" : $"; {summary.Failed} failed, -RetryFailed creates them again");
        }

        text.Append("), ").Append(summary.NotSent).Append(" to send");
        if (summary.Pending > 0)
        {
            text.Append(", ").Append(summary.Pending).Append(force
                ? " of unknown outcome sent again (-Force)"
                : " of unknown outcome held back (-Force sends them)");
        }

        return text.Append("; rows it does not hold are sent too.").ToString();
    }

    /// <summary>What earlier runs (and this one) recorded for this request, or null when it was never sent.</summary>
    public JournalEntry? Find(string requestId, int occurrence)
    {
        lock (gate)
        {
            return state.Find(requestId, occurrence);
        }
    }

    /// <summary>Every request earlier runs (and this one) sent from input row <paramref name="row"/>, oldest first.</summary>
    public IReadOnlyList<JournalEntry> AtRow(int row)
    {
        lock (gate)
        {
            return state.AtRow(row);
        }
    }

    /// <summary>Whether a finished record with this outcome is already there (a resumed run need not repeat it).</summary>
    public bool IsFinishedRecorded(ImageTask task)
    {
        lock (gate)
        {
            return state.IsFinishedRecorded(task.TaskId, StateOf(task));
        }
    }

    /// <summary>Why the task failed ("" when no reason was recorded), or null when the journal has not seen it fail.</summary>
    public string? FailureOf(string taskId)
    {
        lock (gate)
        {
            return state.FailureOf(taskId);
        }
    }

    public bool IsSaved(string taskId, int index)
    {
        lock (gate)
        {
            return state.IsSaved(taskId, index);
        }
    }

    /// <summary>
    /// A row the batch took that the journal knows nothing of yet: it is not sent until its submission slot, and a stop
    /// before then leaves it counted as not sent. Not forced to disk like the other records: losing it loses only the count.
    /// </summary>
    public void RecordQueued(string requestId, int occurrence, int row, string? prompt, string? shape) =>
        Append(
            new JournalRecord
            {
                Type = JournalRecordTypes.Queued,
                Request = requestId,
                Shape = shape,
                Occurrence = occurrence,
                Row = row,
                Prompt = prompt,
            },
            durable: false);

    /// <summary>Call just before generate: from now on a task may exist.</summary>
    public void RecordPending(string requestId, int occurrence, int row, string? prompt, string size, int variants, string? shape = null) =>
        Append(new JournalRecord
        {
            Type = JournalRecordTypes.Pending,
            Request = requestId,
            Shape = shape,
            Occurrence = occurrence,
            Row = row,
            Prompt = prompt,
            Size = size,
            Variants = variants,
        });

    public void RecordCreated(string requestId, int occurrence, int row, string taskId) =>
        Append(new JournalRecord
        {
            Type = JournalRecordTypes.Created,
            Request = requestId,
            Occurrence = occurrence,
            Row = row,
            TaskId = taskId,
        });

    /// <summary>Call when the service refused the request for certain (no task was created).</summary>
    public void RecordRejected(string requestId, int occurrence, int row, string error) =>
        Append(new JournalRecord
        {
            Type = JournalRecordTypes.Rejected,
            Request = requestId,
            Occurrence = occurrence,
            Row = row,
            Error = error,
        });

    public void RecordFinished(ImageTask task)
    {
        if (!task.IsFinished)
        {
            throw new ArgumentException("Only a finished task can be recorded as finished.", nameof(task));
        }

        Append(new JournalRecord
        {
            Type = JournalRecordTypes.Finished,
            TaskId = task.TaskId,
            State = StateOf(task),
            Error = task.ErrorMessage,
        });
    }

    public void RecordSaved(string taskId, int index, string path, long bytes) =>
        Append(new JournalRecord
        {
            Type = JournalRecordTypes.Saved,
            TaskId = taskId,
            Index = index,
            Path = path,
            Bytes = bytes,
        });

    /// <summary>Starts a run: says which module version writes from here on, and the balance before anything is spent.</summary>
    public void RecordRunStart(string moduleVersion, decimal? creditsAtStart)
    {
        runId = Guid.NewGuid().ToString("N");
        Append(new JournalRecord
        {
            Type = JournalRecordTypes.RunStart,
            Module = "FourOImage " + moduleVersion,
            Run = runId,
            Credits = creditsAtStart,
        });
    }

    /// <summary>Ends this run's record; <paramref name="creditsAtEnd"/> lets the summary report what the batch spent.</summary>
    public void RecordRunEnd(decimal? creditsAtEnd) =>
        Append(new JournalRecord { Type = JournalRecordTypes.RunEnd, Run = runId, Credits = creditsAtEnd });

    /// <summary>Closes the file and releases the writer lock, whatever state a failed write left the file in.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            try
            {
                stream?.Dispose();
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                // Nothing is buffered, so there is nothing to lose; the lock must go whatever happened.
            }
            finally
            {
                writerLock?.Dispose();
            }
        }
    }

    private static string FullPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A journal path is required.", nameof(path));
        }

        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
        }
        catch (PathTooLongException error)
        {
            throw LegacyPathLimit.TooLong(path, "journal", LegacyPathLimit.MaxPath, error);
        }

        // The lock file beside it is the longest path the journal uses.
        LegacyPathLimit.Check(fullPath + ".lock", "journal lock file");
        return fullPath;
    }

    private static (JournalState State, int Unreadable) Load(string fullPath)
    {
        var state = new JournalState();
        var records = JournalReader.Read(fullPath, out var unreadable);
        foreach (var record in records)
        {
            state.Apply(record);
        }

        return (state, unreadable);
    }

    private static string StateOf(ImageTask task) => task.Status == TaskState.Success ? JournalStates.Success : JournalStates.Failed;

    private void Append(JournalRecord record, bool durable = true)
    {
        if (stream is null)
        {
            throw new InvalidOperationException($"The journal '{Path}' was opened read-only.");
        }

        record.Time = DateTimeOffset.UtcNow;
        var json = JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Readable.JournalRecord);
        lock (gate)
        {
            // After a write that failed and could not be undone, the next record starts on a line of its own.
            var start = tornTail ? 1 : 0;
            var line = new byte[start + json.Length + 1];
            line[0] = (byte)'\n';
            Buffer.BlockCopy(json, 0, line, start, json.Length);
            line[line.Length - 1] = (byte)'\n';
            var length = stream.Seek(0, SeekOrigin.End);
            try
            {
                stream.Write(line, 0, line.Length);
                stream.Flush(flushToDisk: durable);
                tornTail = false;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                tornTail = !TryTruncate(length) || tornTail;
                throw new IOException($"The journal '{Path}' could not be written: {error.Message}", error);
            }

            state.Apply(record);
        }
    }

    // A record is either whole in the file or not there at all: a partial write (a full disk) is cut off again.
    private bool TryTruncate(long length)
    {
        try
        {
            stream!.SetLength(length);
            return true;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A run killed mid-write leaves a line without its newline; close it so the next record starts clean.</summary>
    private static void EndTornLine(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return;
        }

        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() != '\n')
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(NewLine, 0, NewLine.Length);
            stream.Flush(flushToDisk: true);
        }
    }
}
