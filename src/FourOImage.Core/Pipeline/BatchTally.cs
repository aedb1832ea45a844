using System.Collections.Generic;
using System.Linq;
using FourOImage.Core.Gallery;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Adds up one batch for its end: the <see cref="BatchSummary"/> the last FourOImage command of the line tells, the
/// one terminating error of -FailOnError when a row gave no image, and the line Ctrl+C leaves.
/// </summary>
public static class BatchTally
{
    public const string SummaryTag = "FourOImage.BatchSummary";

    /// <summary>The batches' rows and failures, the files the line emitted and the errors its commands wrote.</summary>
    public static BatchSummary Summarize(IEnumerable<BatchRecord> batches, int files, int errors)
    {
        int rows = 0, created = 0, failed = 0, notSent = 0;
        decimal? credits = 0m;
        bool any = false;
        foreach (BatchRecord batch in batches.Distinct())
        {
            any = true;
            rows += batch.Rows;
            created += batch.TasksCreated;
            foreach (GalleryFailure failure in batch.Failures())
            {
                if (failure.Kind == GalleryFailureKind.NotSent)
                {
                    notSent++;
                }
                else
                {
                    failed++;
                }
            }

            credits = credits is decimal sum && batch.CreditsSpent is decimal spent ? sum + spent : null;
        }

        // Without New-4oImage in the line only the errors tell what failed.
        return new BatchSummary(rows, created, any ? failed : errors, notSent, files, any ? credits : null, errors);
    }

    /// <summary>-FailOnError: the one terminating error after every row ran, when any gave no image; null when all did.</summary>
    public static PipelineError? Failure(BatchSummary summary)
    {
        if (summary.Succeeded)
        {
            return null;
        }

        string what = summary.Rows > 0
            ? $"The batch did not complete: {summary}"
            : $"The batch did not complete: {summary.Errors} error(s); {summary.Files} files.";
        return new PipelineError(new FourOImageException(what), "FourOImage.Batch.Failed", PipelineErrorCategory.InvalidResult, summary)
        {
            RecommendedAction = "Every row that could be was saved; the errors before this one say what went wrong with the others. " +
                "Fix that and run the same command again: with New-4oImage -Journal only the rows without a task are sent, and -RetryFailed " +
                "creates the failed tasks again.",
        };
    }

    /// <summary>
    /// The line a stop (Ctrl+C) leaves: what was created, saved and not sent, and how to resume; null when the line
    /// holds no New-4oImage.
    /// </summary>
    public static string? StoppedLine(IReadOnlyCollection<BatchRecord> batches, int files)
    {
        if (batches.Count == 0)
        {
            return null;
        }

        int rows = batches.Sum(b => b.Rows);
        int created = batches.Sum(b => b.TasksCreated);
        int failed = batches.Sum(b => b.Failures().Count(f => f.Kind != GalleryFailureKind.NotSent && f.TaskId is null));
        int notSent = System.Math.Max(0, rows - created - failed);
        string? journal = batches.Select(b => b.JournalPath).FirstOrDefault(p => p != null);
        string resume = journal is null
            ? "Without -Journal a re-run sends every row again; give -Journal to resume a batch."
            : $"Run the same command to resume: the rows that have a task in {journal} are not sent again.";
        return $"Stopped: {rows} rows taken, {created} tasks created, {files} files saved, {notSent} rows not sent. {resume}";
    }
}
