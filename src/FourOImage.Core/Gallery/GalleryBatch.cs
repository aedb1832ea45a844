using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Core.Gallery;

/// <summary>
/// What the gallery page says about the batch its images came from: the rows it took, the rows (or images) that gave
/// nothing and why, each task's input row, and, when it could be measured, the credits it spent. Read from a journal
/// (<see cref="GalleryJournal"/>) or from the in-memory record the tasks carried (<see cref="BatchRecord"/>).
/// </summary>
public sealed class GalleryBatch
{
    internal GalleryBatch(
        int rows,
        int? succeeded,
        IReadOnlyList<GalleryFailure> failures,
        IReadOnlyDictionary<string, int> rowByTask,
        bool creditsMeasured,
        decimal? creditsSpent)
    {
        Rows = rows;
        Succeeded = succeeded;
        Failures = failures;
        RowByTask = rowByTask;
        CreditsMeasured = creditsMeasured;
        CreditsSpent = creditsSpent;
    }

    /// <summary>The rows the batch took.</summary>
    public int Rows { get; }

    /// <summary>Rows whose task succeeded, when the source knows it (a journal does; the in-memory record counts the page's tasks).</summary>
    public int? Succeeded { get; }

    /// <summary>In row order.</summary>
    public IReadOnlyList<GalleryFailure> Failures { get; }

    /// <summary>The 1-based input row of each task the batch created.</summary>
    public IReadOnlyDictionary<string, int> RowByTask { get; }

    /// <summary>
    /// Whether the source measures what the batch spent (a journal records the balance before and after); without one
    /// the page makes no claim about credits.
    /// </summary>
    public bool CreditsMeasured { get; }

    /// <summary>The fall in the balance, when it was measured and could be computed.</summary>
    public decimal? CreditsSpent { get; }

    /// <summary>
    /// A journal's account (this) with what only the record of the run at hand knows: rows refused before any request
    /// (never journaled: a bad cell, no prompt) and images not saved. A row the journal already explains stays the journal's.
    /// </summary>
    internal GalleryBatch With(GalleryBatch thisRun)
    {
        var explained = new HashSet<(int?, int?)>(Failures.Select(f => (f.Row, f.Index)));
        var failures = Failures
            .Concat(thisRun.Failures.Where(f => f.Row is null || !explained.Contains((f.Row, f.Index))))
            .OrderBy(f => f.Row ?? int.MaxValue)
            .ToList();
        var rowByTask = new Dictionary<string, int>(thisRun.RowByTask.Count + RowByTask.Count, System.StringComparer.Ordinal);
        foreach (var pair in thisRun.RowByTask.Concat(RowByTask))
        {
            rowByTask[pair.Key] = pair.Value;
        }

        return new GalleryBatch(System.Math.Max(Rows, thisRun.Rows), Succeeded, failures, rowByTask, CreditsMeasured, CreditsSpent);
    }
}
