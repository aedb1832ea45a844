using System.Collections.Generic;

namespace FourOImage;

/// <summary>What a batch journal says about its batch (the output of Get-4oImageJournal).</summary>
public sealed class JournalSummary
{
    internal JournalSummary(
        string path,
        int rows,
        int created,
        int pending,
        int notSent,
        int succeeded,
        int failed,
        int saved,
        decimal? creditsSpent,
        int runs,
        IReadOnlyList<string> modules,
        int unreadableLines)
    {
        Path = path;
        Rows = rows;
        Created = created;
        Pending = pending;
        NotSent = notSent;
        Succeeded = succeeded;
        Failed = failed;
        Saved = saved;
        CreditsSpent = creditsSpent is decimal spent ? CreditAmount.Normalize(spent) : null;
        Runs = runs;
        Modules = new TextList(modules ?? new string[0]);
        UnreadableLines = unreadableLines;
    }

    public string Path { get; }

    /// <summary>Distinct requests the batch has taken: sent at least once, or taken and not sent yet.</summary>
    public int Rows { get; }

    /// <summary>Requests the service answered with a task id.</summary>
    public int Created { get; }

    /// <summary>Requests sent with no recorded answer: a task may exist.</summary>
    public int Pending { get; }

    /// <summary>
    /// Requests without a task and without a charge: never sent (a run stopped while they waited for a submission slot,
    /// or stopped the batch before them), or refused for certain. The same command with the same journal sends them.
    /// </summary>
    public int NotSent { get; }

    public int Succeeded { get; }

    public int Failed { get; }

    /// <summary>Image files saved and verified.</summary>
    public int Saved { get; }

    /// <summary>The fall in the credit balance across the batch's runs, when it could be measured.</summary>
    public decimal? CreditsSpent { get; }

    public int Runs { get; }

    /// <summary>The module versions that wrote to the journal.</summary>
    public IReadOnlyList<string> Modules { get; }

    /// <summary>Lines that could not be read, such as a write torn when a run was killed.</summary>
    public int UnreadableLines { get; }
}
