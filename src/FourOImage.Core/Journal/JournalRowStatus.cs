namespace FourOImage.Core.Journal;

/// <summary>What a journal knows about one request of a batch.</summary>
public enum JournalRowStatus
{
    /// <summary>Never sent, or sent and refused for certain: safe to send.</summary>
    New,

    /// <summary>Sent, and the service answered with a task id.</summary>
    Created,

    /// <summary>Sent, but no answer was recorded: a task may exist and may have been charged.</summary>
    OutcomeUnknown,
}
