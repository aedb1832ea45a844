using System;
using System.Globalization;

namespace FourOImage;

/// <summary>
/// The service marks the task successful (successFlag 1) but sends no result URLs (response null or an empty list), and
/// kept doing so for longer than a new record gets to fill in; the task may have no images at all.
/// </summary>
public sealed class TaskResultsMissingException : FourOImageException
{
    public TaskResultsMissingException(string taskId, TimeSpan waited)
        : base(BuildMessage(taskId, waited))
    {
        TaskId = taskId;
        Waited = waited;
    }

    public string TaskId { get; }

    /// <summary>How long the service was asked again after it first showed the task successful without results.</summary>
    public TimeSpan Waited { get; }

    private static string BuildMessage(string taskId, TimeSpan waited)
    {
        var seconds = waited.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return $"Task {taskId} is marked successful (successFlag 1), but the service sent no result URLs, still after {seconds} s "
            + "of asking again; there is nothing to save yet.";
    }
}
