using System;
using System.IO;
using System.Text.Json;

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
    private readonly FileStream stream;
    private readonly JournalState state;
    private readonly string runId = Guid.NewGuid().ToString("N");

    private BatchJournal(string path, FileStream stream, JournalState state, int unreadableLines)
    {
        Path = path;
        this.stream = stream;
        this.state = state;
        UnreadableLines = unreadableLines;
    }

    public string Path { get; }

    /// <summary>Lines of the existing journal that could not be read (a torn last write).</summary>
    public int UnreadableLines { get; }

    /// <summary>
    /// Opens (or creates) the journal at <paramref name="path"/>, reads what earlier runs recorded and starts a run.
    /// Only one process can append to a journal at a time.
    /// </summary>
    public static BatchJournal Open(string path, string moduleVersion, decimal? creditsAtStart)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A journal path is required.", nameof(path));
        }

        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        }
        catch (IOException ex)
        {
            throw new FourOImageException($"The journal '{fullPath}' cannot be opened for writing; is another run using it? {ex.Message}", ex);
        }

        try
        {
            var state = new JournalState();
            var records = JournalReader.Read(fullPath, out var unreadable);
            foreach (var record in records)
            {
                state.Apply(record);
            }

            EndTornLine(stream);
            var journal = new BatchJournal(fullPath, stream, state, unreadable);
            journal.Append(new JournalRecord
            {
                Type = JournalRecordTypes.RunStart,
                Module = "FourOImage " + moduleVersion,
                Run = journal.runId,
                Credits = creditsAtStart,
            });
            return journal;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a journal (even one another run is writing) and adds it up.</summary>
    public static JournalSummary Summarize(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var state = new JournalState();
        var records = JournalReader.Read(fullPath, out var unreadable);
        foreach (var record in records)
        {
            state.Apply(record);
        }

        return state.Summarize(fullPath, unreadable);
    }

    /// <summary>What earlier runs (and this one) recorded for this request, or null when it was never sent.</summary>
    public JournalEntry? Find(string requestId, int occurrence)
    {
        lock (gate)
        {
            return state.Find(requestId, occurrence);
        }
    }

    public bool IsSaved(string taskId, int index)
    {
        lock (gate)
        {
            return state.IsSaved(taskId, index);
        }
    }

    /// <summary>Call just before generate: from now on a task may exist.</summary>
    public void RecordPending(string requestId, int occurrence, int row, string? prompt, string size, int variants) =>
        Append(new JournalRecord
        {
            Type = JournalRecordTypes.Pending,
            Request = requestId,
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
            State = task.Status == TaskState.Success ? JournalStates.Success : JournalStates.Failed,
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

    /// <summary>Ends this run's record; <paramref name="creditsAtEnd"/> lets the summary report what the batch spent.</summary>
    public void RecordRunEnd(decimal? creditsAtEnd) =>
        Append(new JournalRecord { Type = JournalRecordTypes.RunEnd, Run = runId, Credits = creditsAtEnd });

    public void Dispose()
    {
        lock (gate)
        {
            stream.Dispose();
        }
    }

    private void Append(JournalRecord record)
    {
        record.Time = DateTimeOffset.UtcNow;
        var line = JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Readable.JournalRecord);
        lock (gate)
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(line, 0, line.Length);
            stream.Write(NewLine, 0, NewLine.Length);
            stream.Flush(flushToDisk: true);
            state.Apply(record);
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
