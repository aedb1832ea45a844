namespace FourOImage.Core.Gallery;

/// <summary>A row of the batch that gave no image (or an image of it that was not saved), and why.</summary>
public sealed class GalleryFailure
{
    public GalleryFailure(int? row, string? prompt, string? taskId, GalleryFailureKind kind, string reason, string? advice = null, int? index = null)
    {
        Row = row;
        Prompt = prompt;
        TaskId = taskId;
        Kind = kind;
        Reason = reason;
        Advice = advice;
        Index = index;
    }

    /// <summary>1-based input row within its run, when the input was numbered.</summary>
    public int? Row { get; }

    public string? Prompt { get; }

    public string? TaskId { get; }

    public GalleryFailureKind Kind { get; }

    /// <summary>What the service or the module said.</summary>
    public string Reason { get; }

    /// <summary>What the user can do about it, when there is something to say.</summary>
    public string? Advice { get; }

    /// <summary>The 0-based image of the task that was not saved (<see cref="GalleryFailureKind.NotSaved"/>); null for the whole row.</summary>
    public int? Index { get; }

    /// <summary>Whether the whole row gave nothing (rather than one image of it).</summary>
    public bool IsWholeRow => Index is null;
}
