namespace FourOImage.Core.Journal;

/// <summary>The values of <see cref="JournalRecord.Type"/>.</summary>
internal static class JournalRecordTypes
{
    public const string RunStart = "run";
    public const string RunEnd = "run-end";

    /// <summary>
    /// A row the batch took and has not sent yet (it waits for a submission slot, or the batch stops before it): counted
    /// as not sent until a later record about the same request says more.
    /// </summary>
    public const string Queued = "queued";

    /// <summary>Written before generate is called: from here on, a task may exist.</summary>
    public const string Pending = "pending";

    /// <summary>The service answered with a task id.</summary>
    public const string Created = "created";

    /// <summary>The service refused the request for certain, so no task exists and the row may be sent again.</summary>
    public const string Rejected = "rejected";

    public const string Finished = "finished";
    public const string Saved = "saved";
}
