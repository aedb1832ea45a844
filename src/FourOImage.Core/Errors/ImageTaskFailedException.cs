namespace FourOImage;

/// <summary>The service ended a task without images (successFlag 2 or 3). The task holds the service's code and message.</summary>
public sealed class ImageTaskFailedException : FourOImageException
{
    public ImageTaskFailedException(ImageTask task)
        : base(BuildMessage(task))
    {
        Task = task;
    }

    public ImageTask Task { get; }

    private static string BuildMessage(ImageTask task)
    {
        string reason = string.IsNullOrWhiteSpace(task.ErrorMessage) ? "the service gave no reason" : task.ErrorMessage!;
        string code = task.ErrorCode is int c ? $" (error code {c})" : string.Empty;
        return $"Task {task.TaskId} failed: {reason}{code}.";
    }
}
