namespace FourOImage;

/// <summary>A task has no images to offer: it is still generating, or it failed (with the service's errorCode and message).</summary>
public sealed class TaskNotSucceededException : FourOImageException
{
    public TaskNotSucceededException(ImageTask task)
        : base(BuildMessage(task))
    {
        TaskId = task.TaskId;
        Status = task.Status;
        SuccessFlag = task.SuccessFlag;
        ErrorCode = task.ErrorCode;
        ServiceMessage = task.ErrorMessage;
    }

    public string TaskId { get; }

    public TaskState Status { get; }

    /// <summary>The service's successFlag: 2 (generation failed, "Please try again later") or 3 (often a refusal).</summary>
    public int? SuccessFlag { get; }

    /// <summary>The service's errorCode as text ("451", "GENERATION_FAILED"), when it sent one.</summary>
    public string? ErrorCode { get; }

    public string? ServiceMessage { get; }

    private static string BuildMessage(ImageTask task)
    {
        if (task.Status == TaskState.Generating)
        {
            return $"Task {task.TaskId} is still generating; wait for it to finish first.";
        }

        if (task.Status == TaskState.Success)
        {
            return $"Task {task.TaskId} succeeded but reported no result URLs.";
        }

        var code = task.ErrorCode is null ? string.Empty : $" (errorCode {task.ErrorCode})";
        if (task.SuccessFlag is int flag && (flag < 0 || flag > 3))
        {
            // Not a state the service documents: say what it held rather than call it a failure with no reason.
            var held = new System.Collections.Generic.List<string> { $"successFlag {flag}" };
            if (!string.IsNullOrEmpty(task.ServiceStatus))
            {
                held.Add($"status '{task.ServiceStatus}'");
            }

            if (task.ErrorCode is not null)
            {
                held.Add($"errorCode {task.ErrorCode}");
            }

            if (!string.IsNullOrEmpty(task.ErrorMessage))
            {
                held.Add($"errorMessage '{task.ErrorMessage}'");
            }

            held.Add($"{task.ResultUrls.Count} result URL(s)");
            return $"Task {task.TaskId}: the service sent an unknown state ({string.Join(", ", held)}); it is not taken as a success, so nothing is saved from it.";
        }

        var message = string.IsNullOrEmpty(task.ErrorMessage) ? "no reason given" : task.ErrorMessage;
        return $"Task {task.TaskId} failed{code}: {message}";
    }
}
