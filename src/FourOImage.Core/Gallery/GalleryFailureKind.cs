namespace FourOImage.Core.Gallery;

/// <summary>Why a row of a batch (or one of its images) is not on the gallery page.</summary>
public enum GalleryFailureKind
{
    /// <summary>The row was refused before any request: its input is not valid.</summary>
    Invalid,

    /// <summary>The row was not sent (an upload failed, the journal held it back, the journal could not be written).</summary>
    NotSent,

    /// <summary>The service refused the request for certain: no task was created.</summary>
    Refused,

    /// <summary>Sent without a certain answer: a task may exist.</summary>
    Unknown,

    /// <summary>The task failed.</summary>
    Failed,

    /// <summary>The task was not seen to finish (the wait timed out, or its status could not be read).</summary>
    NotFinished,

    /// <summary>The task succeeded, but an image of it was not saved.</summary>
    NotSaved,
}
