using System;
using System.IO;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Turns what went wrong into the error the user sees: ErrorId <c>FourOImage.&lt;Area&gt;.&lt;Reason&gt;</c>, a category
/// (401 AuthenticationError, 402 QuotaExceeded, 400/422 InvalidArgument, 429 LimitsExceeded, 455 ResourceUnavailable,
/// timeouts OperationTimeout, failed generation InvalidResult) and the service's message as details.
/// </summary>
public static class PipelineErrors
{
    /// <summary>Areas used in error ids, one per kind of work.</summary>
    public static class Areas
    {
        public const string Connect = "Connect";
        public const string Generate = "Generate";
        public const string Upload = "Upload";
        public const string Task = "Task";
        public const string Wait = "Wait";
        public const string Save = "Save";
        public const string Credit = "Credit";
    }

    public static PipelineError TaskFailed(ImageTask task)
    {
        var exception = new ImageTaskFailedException(task);
        return new PipelineError(exception, "FourOImage.Task.Failed", PipelineErrorCategory.InvalidResult, task, task.ErrorMessage)
        {
            RecommendedAction = "Check the prompt and input images against the content policy, then create a new task.",
        };
    }

    public static PipelineError Timeout(string area, Exception exception, object? target) =>
        new(exception, Id(area, "Timeout"), PipelineErrorCategory.OperationTimeout, target);

    public static PipelineError InvalidArgument(string area, string message, object? target) =>
        new(new ArgumentException(message), Id(area, "InvalidArgument"), PipelineErrorCategory.InvalidArgument, target);

    public static PipelineError FromException(Exception exception, string area, object? target)
    {
        switch (exception)
        {
            case FourOImageApiException api:
                return FromApiException(api, area, target);
            case ImageTaskFailedException failed:
                return TaskFailed(failed.Task);
            case TimeoutException:
            case OperationCanceledException:
                return Timeout(area, exception, target);
            case ArgumentException:
                return new PipelineError(exception, Id(area, "InvalidArgument"), PipelineErrorCategory.InvalidArgument, target);
            case FileNotFoundException:
            case DirectoryNotFoundException:
                return new PipelineError(exception, Id(area, "FileNotFound"), PipelineErrorCategory.ObjectNotFound, target);
            case UnauthorizedAccessException:
                return new PipelineError(exception, Id(area, "AccessDenied"), PipelineErrorCategory.PermissionDenied, target);
            case IOException:
                var ioCategory = area == Areas.Save ? PipelineErrorCategory.WriteError : PipelineErrorCategory.ReadError;
                return new PipelineError(exception, Id(area, "IOError"), ioCategory, target);
            default:
                return new PipelineError(exception, Id(area, "Failed"), PipelineErrorCategory.NotSpecified, target);
        }
    }

    private static PipelineError FromApiException(FourOImageApiException api, string area, object? target)
    {
        (string reason, PipelineErrorCategory category, string? action) = Classify(api);
        return new PipelineError(api, Id(area, reason), category, target, api.ServiceMessage) { RecommendedAction = action };
    }

    private static (string Reason, PipelineErrorCategory Category, string? Action) Classify(FourOImageApiException api)
    {
        int? status = api.Code ?? api.HttpStatus;
        switch (status)
        {
            case 401:
                return ("Unauthorized", PipelineErrorCategory.AuthenticationError,
                    "Check the API key (Connect-4oImage -ApiKey, -ApiKey, or FOUROIMAGE_API_KEY).");
            case 402:
                return ("InsufficientCredits", PipelineErrorCategory.QuotaExceeded, "Top up credits, then run the command again.");
            case 400:
                return ("Rejected", PipelineErrorCategory.InvalidArgument, null);
            case 422 when api.ServiceMessage != null && api.ServiceMessage.IndexOf("record is null", StringComparison.OrdinalIgnoreCase) >= 0:
                return ("TaskNotFound", PipelineErrorCategory.InvalidArgument, "Check the task id; results are kept for 14 days.");
            case 422:
                return ("InvalidRequest", PipelineErrorCategory.InvalidArgument, null);
            case 404:
                return ("NotFound", PipelineErrorCategory.ObjectNotFound, null);
            case 429:
                return ("RateLimited", PipelineErrorCategory.LimitsExceeded, "Lower -ThrottleLimit or try again later.");
            case 451:
                return ("ImageNotFetched", PipelineErrorCategory.InvalidArgument, "Make sure every input image URL is public.");
            case 455:
                return ("Maintenance", PipelineErrorCategory.ResourceUnavailable, "The service is under maintenance; try again later.");
            case 505:
                return ("FeatureDisabled", PipelineErrorCategory.NotImplemented, null);
            case 550:
                return ("QueueFull", PipelineErrorCategory.LimitsExceeded, "The service's queue is full; try again later.");
            case int code when code >= 500:
                return ("ServerError", PipelineErrorCategory.ResourceUnavailable, null);
            case null when api.InnerException is TimeoutException || api.InnerException is OperationCanceledException:
                return ("Timeout", PipelineErrorCategory.OperationTimeout, null);
            case null:
                return ("ConnectionFailed", PipelineErrorCategory.ConnectionError, null);
            default:
                return ("ServiceError", PipelineErrorCategory.ProtocolError, null);
        }
    }

    private static string Id(string area, string reason) => "FourOImage." + area + "." + reason;
}
