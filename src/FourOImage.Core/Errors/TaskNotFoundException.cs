using System;
using System.Globalization;

namespace FourOImage;

/// <summary>
/// A task this module created (or the journal recorded) that the service kept answering "record is null" (or no data)
/// for, longer than new tasks get to become visible. An id that was never seen is reported at once, as the service's own
/// answer (a <see cref="FourOImageApiException"/>).
/// </summary>
public sealed class TaskNotFoundException : FourOImageException
{
    public TaskNotFoundException(string taskId, DateTimeOffset createdAt, TimeSpan gracePeriod, FourOImageApiException lastAnswer)
        : base(BuildMessage(taskId, createdAt, gracePeriod, lastAnswer), lastAnswer)
    {
        TaskId = taskId;
        CreatedAt = createdAt;
        GracePeriod = gracePeriod;
    }

    public string TaskId { get; }

    /// <summary>When the task was created (the id came back from generate, or the journal or the service said so).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>How long a new task is given to become visible (FOUROIMAGE_NEW_TASK_GRACE).</summary>
    public TimeSpan GracePeriod { get; }

    /// <summary>The service's last message, verbatim.</summary>
    public string? ServiceMessage => (InnerException as FourOImageApiException)?.ServiceMessage;

    private static string BuildMessage(string taskId, DateTimeOffset createdAt, TimeSpan grace, FourOImageApiException lastAnswer)
    {
        var answer = lastAnswer.Code == 200 ? "no record (data null)" : $"'{lastAnswer.ServiceMessage ?? "record is null"}'";
        var age = (DateTimeOffset.UtcNow - createdAt).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var seconds = grace.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return $"Task {taskId} was not found: it was created {age} s ago ({createdAt.ToLocalTime():HH:mm:ss}), but the service still answers "
            + $"{answer}; new tasks get {seconds} s to become visible (FOUROIMAGE_NEW_TASK_GRACE). It may exist and be charged: "
            + "look for it again later with Get-4oImageTask, or check the balance with Get-4oCredit.";
    }
}
