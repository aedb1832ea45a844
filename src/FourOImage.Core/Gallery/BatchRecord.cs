using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.Core.Pipeline;

namespace FourOImage.Core.Gallery;

/// <summary>
/// An in-memory record of one New-4oImage invocation, carried by the tasks it creates (and by Save-4oImage's output,
/// through <see cref="BatchLinks"/>), so Export-4oImageGallery can explain the rows that gave no image without a
/// journal. It keeps each task's id and row, and for a row that gave nothing a shortened prompt and the reason: never
/// an image, a task object or a long text, so a batch of thousands of rows costs little. Safe to use from any thread.
/// </summary>
public sealed class BatchRecord
{
    /// <summary>The most characters of a prompt kept for a row that gave nothing.</summary>
    internal const int PromptLength = 400;

    /// <summary>The most characters of a reason or an advice kept.</summary>
    internal const int ReasonLength = 1000;

    private readonly object gate = new();
    private readonly Dictionary<string, int?> rowByTask = new(StringComparer.Ordinal);
    private readonly List<GalleryFailure> failures = new();
    private readonly HashSet<string> failed = new(StringComparer.Ordinal);
    private int rows;

    /// <summary>The rows New-4oImage took, valid or not.</summary>
    public int Rows
    {
        get
        {
            lock (gate)
            {
                return rows;
            }
        }
    }

    /// <summary>Tasks the batch created (or found in its journal).</summary>
    public int TasksCreated
    {
        get
        {
            lock (gate)
            {
                return rowByTask.Count;
            }
        }
    }

    /// <summary>The fall of the balance over the batch (New-4oImage -Journal reads it at both ends); null when not measured.</summary>
    public decimal? CreditsSpent { get; internal set; }

    /// <summary>The batch's journal (-Journal), for the line a stop leaves; null without one.</summary>
    public string? JournalPath { get; internal set; }

    /// <summary>A snapshot of what gave nothing, in row order.</summary>
    public IReadOnlyList<GalleryFailure> Failures()
    {
        lock (gate)
        {
            return failures.OrderBy(f => f.Row ?? int.MaxValue).ToList();
        }
    }

    /// <summary>What the page shows of one or more batches (their images can meet on one page); <paramref name="shownTasks"/> are the tasks with a card.</summary>
    public static GalleryBatch ToGallery(IReadOnlyCollection<BatchRecord> records, ICollection<string> shownTasks)
    {
        var failures = new List<GalleryFailure>();
        var rowByTask = new Dictionary<string, int>(StringComparer.Ordinal);
        int rows = 0;
        int succeeded = 0;
        foreach (var record in records)
        {
            lock (record.gate)
            {
                rows += record.rows;
                failures.AddRange(record.failures);
                foreach (var pair in record.rowByTask)
                {
                    if (pair.Value is int row)
                    {
                        rowByTask[pair.Key] = row;
                    }

                    if (shownTasks.Contains(pair.Key))
                    {
                        succeeded++;
                    }
                }
            }
        }

        failures = failures.OrderBy(f => f.Row ?? int.MaxValue).ToList();
        return new GalleryBatch(rows, succeeded, failures, rowByTask, creditsMeasured: false, creditsSpent: null);
    }

    /// <summary>A row was given to New-4oImage.</summary>
    internal void RowTaken()
    {
        lock (gate)
        {
            rows++;
        }
    }

    /// <summary>A row gave no task: refused before sending, not sent, refused by the service, or sent without a certain answer.</summary>
    internal void RowFailed(int? row, string? prompt, GalleryFailureKind kind, string reason, string? advice = null) =>
        Add(new GalleryFailure(row, Shorten(prompt, PromptLength), null, kind, Shorten(reason, ReasonLength)!, Shorten(advice, ReasonLength)), key: null);

    internal void RowFailed(int? row, string? prompt, GalleryFailureKind kind, PipelineError error) =>
        RowFailed(row, prompt, kind, error.Reason, error.RecommendedAction);

    /// <summary>The batch created this task (or found it in its journal): the task carries the record from now on.</summary>
    internal void Created(ImageTask task)
    {
        task.Batch = this;
        lock (gate)
        {
            rowByTask[task.TaskId] = task.Row;
        }
    }

    /// <summary>A task of the batch ended without images (failed, or not seen to finish).</summary>
    internal void TaskEnded(ImageTask task, GalleryFailureKind kind, PipelineError error) =>
        Add(Failure(task.TaskId, task.Row, task.Prompt, kind, error, index: null), key: task.TaskId);

    /// <summary>An image of a task of the batch (or, without <paramref name="index"/>, the task's images) was not saved.</summary>
    internal void ImageNotSaved(ImageTask task, int? index, PipelineError error) =>
        Add(Failure(task.TaskId, task.Row, task.Prompt, GalleryFailureKind.NotSaved, error, index), key: task.TaskId + "/" + index);

    private static GalleryFailure Failure(string taskId, int? row, string? prompt, GalleryFailureKind kind, PipelineError error, int? index) =>
        new(row, Shorten(prompt, PromptLength), taskId, kind, Shorten(error.Reason, ReasonLength)!, Shorten(error.RecommendedAction, ReasonLength), index);

    // One entry per task (or image): the first stage to see it end says why.
    private void Add(GalleryFailure failure, string? key)
    {
        lock (gate)
        {
            if (key is null || failed.Add(key))
            {
                failures.Add(failure);
            }
        }
    }

    private static string? Shorten(string? text, int max) =>
        text is null || text.Length <= max ? text : text.Substring(0, max - 1).TrimEnd() + "\u2026";
}
