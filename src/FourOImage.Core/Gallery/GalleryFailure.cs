namespace FourOImage.Core.Gallery;

/// <summary>A row of the batch that gave no image, and why, as the journal tells it.</summary>
public sealed class GalleryFailure
{
    public GalleryFailure(int? row, string? prompt, string? taskId, string status, string reason)
    {
        Row = row;
        Prompt = prompt;
        TaskId = taskId;
        Status = status;
        Reason = reason;
    }

    /// <summary>1-based input row within its run.</summary>
    public int? Row { get; }

    public string? Prompt { get; }

    public string? TaskId { get; }

    /// <summary>"Failed" (the task failed), "Refused" (no task was created) or "Unknown" (sent, no answer recorded).</summary>
    public string Status { get; }

    public string Reason { get; }
}
