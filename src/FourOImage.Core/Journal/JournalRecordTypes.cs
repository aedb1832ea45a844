namespace FourOImage.Core.Journal;

/// <summary>The values of <see cref="JournalRecord.Type"/>.</summary>
internal static class JournalRecordTypes
{
    public const string RunStart = "run";
    public const string RunEnd = "run-end";

    /// <summary>Written before generate is called: from here on, a task may exist.</summary>
    public const string Pending = "pending";

    /// <summary>The service answered with a task id.</summary>
    public const string Created = "created";

    /// <summary>The service refused the request for certain, so no task exists and the row may be sent again.</summary>
    public const string Rejected = "rejected";

    public const string Finished = "finished";
    public const string Saved = "saved";
}
