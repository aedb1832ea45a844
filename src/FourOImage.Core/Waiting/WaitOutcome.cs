using System;

namespace FourOImage.Core.Waiting;

/// <summary>How the wait for one task ended.</summary>
public sealed class WaitOutcome
{
    internal WaitOutcome(string taskId, ImageTask? task, Exception? error, int polls, TimeSpan waited)
    {
        TaskId = taskId;
        Task = task;
        Error = error;
        Polls = polls;
        Waited = waited;
    }

    public string TaskId { get; }

    /// <summary>
    /// The finished task (success, or failure with the service's ErrorCode and ErrorMessage); when <see cref="Error"/>
    /// is set, the last snapshot known (null when the task was added by id and never read).
    /// </summary>
    public ImageTask? Task { get; }

    /// <summary>Why the task could not be waited for (e.g. the service does not know the id); null when the task ended.</summary>
    public Exception? Error { get; }

    /// <summary>True when the task ended with images.</summary>
    public bool Succeeded => Error is null && Task is { Status: TaskState.Success };

    /// <summary>Polls spent on this task.</summary>
    public int Polls { get; }

    /// <summary>Time from Add to the end.</summary>
    public TimeSpan Waited { get; }
}
