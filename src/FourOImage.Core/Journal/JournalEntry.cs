namespace FourOImage.Core.Journal;

/// <summary>The journal's answer for one request: its status, and its task when one was created.</summary>
public sealed class JournalEntry
{
    internal JournalEntry(JournalRowStatus status, string? taskId, int? row, string? prompt)
    {
        Status = status;
        TaskId = taskId;
        Row = row;
        Prompt = prompt;
    }

    public JournalRowStatus Status { get; }

    public string? TaskId { get; }

    /// <summary>The input row this request came from when it was last sent (1-based).</summary>
    public int? Row { get; }

    public string? Prompt { get; }
}
