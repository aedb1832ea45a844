using System;

namespace FourOImage.Core.Journal;

/// <summary>The journal's answer for one request: its status, and its task when one was created.</summary>
public sealed class JournalEntry
{
    internal JournalEntry(JournalRowStatus status, string? taskId, int? row, string? prompt, string? shape = null)
    {
        Status = status;
        TaskId = taskId;
        Row = row;
        Prompt = prompt;
        Shape = shape;
    }

    public JournalRowStatus Status { get; }

    public string? TaskId { get; }

    /// <summary>The input row this request came from when it was last sent (1-based).</summary>
    public int? Row { get; }

    public string? Prompt { get; }

    /// <summary>The request's identity with only the ASCII characters of its prompt; null in journals written before it was kept.</summary>
    public string? Shape { get; }

    /// <summary>When the journal recorded the task as created (for the grace a new task gets to become visible).</summary>
    internal DateTimeOffset? CreatedAt { get; init; }
}
