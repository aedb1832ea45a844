using System;

namespace FourOImage.Core.Downloads;

/// <summary>The outcome for one result image of one task.</summary>
public sealed class SaveResult
{
    public const string SkippedExists = "the file already exists";

    public const string SkippedDeclined = "saving was declined";

    internal SaveResult(SaveOutcome outcome, string taskId, int index, string? prompt, string filePath, long bytes, bool usedDownloadUrl, Exception? error, string? reason = null)
    {
        Outcome = outcome;
        TaskId = taskId;
        Index = index;
        Prompt = prompt;
        FilePath = filePath;
        Bytes = bytes;
        UsedDownloadUrl = usedDownloadUrl;
        Error = error;
        Reason = reason;
    }

    public SaveOutcome Outcome { get; }

    /// <summary>"taskId/index": which image this is, whatever name it ended up with.</summary>
    internal string ImageKey => KeyOf(TaskId, Index);

    public string TaskId { get; }

    /// <summary>0-based position of the image in the task's result URLs.</summary>
    public int Index { get; }

    public string? Prompt { get; }

    /// <summary>The full path of the file (saved, skipped) or the one that would have been written (failed; empty when no name could be made).</summary>
    public string FilePath { get; }

    /// <summary>Size of the file written or found.</summary>
    public long Bytes { get; }

    /// <summary>True when the direct URL failed and the image came through the download-url endpoint.</summary>
    public bool UsedDownloadUrl { get; }

    public Exception? Error { get; }

    /// <summary>Where the task's facts went for a saved file: PNG text chunks, a JSON sidecar, or nowhere (-NoMetadata).</summary>
    public Metadata.MetadataPlacement Metadata { get; internal set; }

    /// <summary>Why the facts went to a sidecar rather than into the file (e.g. content credentials), when they did.</summary>
    public string? MetadataNote { get; internal set; }

    /// <summary>The name the template gave, when another file had it and the image was saved under a name of its own.</summary>
    public string? RenamedFrom { get; internal set; }

    /// <summary>The in-memory record of the batch the task came from (New-4oImage), for the gallery.</summary>
    internal Gallery.BatchRecord? Batch { get; set; }

    /// <summary>Why a file was skipped: <see cref="SkippedExists"/> or <see cref="SkippedDeclined"/>; null otherwise.</summary>
    public string? Reason { get; }

    internal static string KeyOf(string taskId, int index) => taskId + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
