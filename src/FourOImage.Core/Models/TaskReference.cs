using System;

namespace FourOImage;

/// <summary>
/// A task given to Get-, Wait-4oImageTask or Save-4oImage: a full <see cref="ImageTask"/> (so a finished one needs no
/// poll) or just its id (a string, or a CSV cell). PowerShell builds it through the constructors when binding
/// pipeline input, which keeps the whole object when an ImageTask comes down the pipeline.
/// </summary>
public sealed class TaskReference
{
    public TaskReference(string taskId)
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException("A task id cannot be empty.", nameof(taskId));
        }

        TaskId = taskId.Trim();
    }

    public TaskReference(ImageTask task)
    {
        Task = task ?? throw new ArgumentNullException(nameof(task));
        TaskId = task.TaskId;
    }

    public string TaskId { get; }

    /// <summary>The task as last seen, when an ImageTask was given.</summary>
    public ImageTask? Task { get; }

    public override string ToString() => TaskId;
}
