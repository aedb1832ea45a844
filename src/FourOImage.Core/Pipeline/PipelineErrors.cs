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

    public static PipelineError TaskFailed(ImageTask task) => TaskFailed(new TaskNotSucceededException(task), task);

    private static PipelineError TaskFailed(TaskNotSucceededException exception, object target) =>
        new(exception, "FourOImage.Task.Failed", PipelineErrorCategory.InvalidResult, target, FailureText(exception))
        {
            RecommendedAction = FailedTaskAdvice.For(exception.SuccessFlag, exception.ErrorCode, exception.ServiceMessage),
        };

    // The service's message; an errorCode that is a word (GENERATION_FAILED) says more than a number, so it is shown too.
    private static string? FailureText(TaskNotSucceededException exception)
    {
        if (exception.ErrorCode is not { Length: > 0 } code || int.TryParse(code, out _))
        {
            return exception.ServiceMessage;
        }

        return string.IsNullOrWhiteSpace(exception.ServiceMessage) ? code : $"{exception.ServiceMessage} ({code})";
    }

    /// <summary>
    /// A generate refused for want of credits (402, or another code whose message speaks of credits): the service's
    /// message verbatim, with the balance after it when a credit query could tell it.
    /// </summary>
    public static PipelineError InsufficientCredits(FourOImageApiException api, decimal? balance, object? target) =>
        new(api, Id(Areas.Generate, "InsufficientCredits"), PipelineErrorCategory.QuotaExceeded, target,
            string.IsNullOrWhiteSpace(api.ServiceMessage) ? null : api.ServiceMessage + BatchStop.BalanceText(balance))
        {
            RecommendedAction = "Top up the credits, then run the same command again; with -Journal only the rows not created are sent.",
        };

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
            case TaskNotSucceededException { Status: TaskState.Failed } failed:
                return TaskFailed(failed, target ?? failed.TaskId);
            case TaskResultsMissingException noResults:
                return new PipelineError(noResults, Id(area, "NoResults"), PipelineErrorCategory.InvalidResult, target ?? noResults.TaskId)
                {
                    RecommendedAction = $"Look again later (Get-4oImageTask {noResults.TaskId} | Save-4oImage); if it still shows no "
                        + "ResultUrls the task has no image: create it again. A longer wait: FOUROIMAGE_NEW_TASK_GRACE (seconds).",
                };
            case TaskNotSucceededException { Status: TaskState.Success } empty:
                return new PipelineError(empty, Id(area, "NoResults"), PipelineErrorCategory.InvalidResult, target ?? empty.TaskId)
                {
                    RecommendedAction = $"Get the task again (Get-4oImageTask {empty.TaskId} | Save-4oImage); if it still shows no "
                        + "ResultUrls the task has no image: create it again.",
                };
            case TaskNotSucceededException unfinished:
                return new PipelineError(unfinished, Id(area, "NotFinished"), PipelineErrorCategory.InvalidOperation, target ?? unfinished.TaskId);
            case TaskNotFoundException notFound:
                return new PipelineError(notFound, Id(area, "TaskNotFound"), PipelineErrorCategory.ObjectNotFound, target ?? notFound.TaskId)
                {
                    RecommendedAction = "Look for the task again later (Get-4oImageTask); if it never shows, check the balance (Get-4oCredit) " +
                        "before creating it again. A longer grace: FOUROIMAGE_NEW_TASK_GRACE (seconds).",
                };
            case WaitTimeoutException timeout:
                return Timeout(Areas.Wait, timeout, target ?? timeout.RemainingTaskIds);
            case JournalWriteException journal:
                return new PipelineError(journal, Id(area, "JournalWriteFailed"), PipelineErrorCategory.WriteError, target)
                {
                    RecommendedAction = journal.TaskId is null
                        ? "Free space on the journal's disk (or fix its folder), then run the same command again."
                        : $"Keep task id {journal.TaskId}: Get-4oImageTask {journal.TaskId} finds it. Free space on the journal's disk before the next run.",
                };
            case ImageDownloadException download:
                return new PipelineError(download, Id(area, "DownloadFailed"), PipelineErrorCategory.ReadError, target ?? download.TaskId)
                {
                    RecommendedAction = AdviceWithin(download),
                };
            case UnencryptedAuthenticationException unencrypted:
                return new PipelineError(unencrypted, Id(area, "UnencryptedAuthentication"), PipelineErrorCategory.PermissionDenied, target ?? unencrypted.Setting)
                {
                    RecommendedAction = "Use an https:// base URL, or add -AllowUnencryptedAuthentication if the key may cross this network unencrypted.",
                };
            case ApiKeyMissingException missingKey:
                return new PipelineError(missingKey, Id(area, "MissingApiKey"), PipelineErrorCategory.AuthenticationError, target);
            case TimeoutException:
            case OperationCanceledException:
                return Timeout(area, exception, target);
            case ArgumentException:
                return new PipelineError(exception, Id(area, "InvalidArgument"), PipelineErrorCategory.InvalidArgument, target);
            case FileNotFoundException:
            case DirectoryNotFoundException:
                return new PipelineError(exception, Id(area, "FileNotFound"), PipelineErrorCategory.ObjectNotFound, target);
            case PathTooLongException:
                return new PipelineError(exception, Id(area, "PathTooLong"), PipelineErrorCategory.InvalidArgument, target)
                {
                    RecommendedAction = "Use a shorter folder or file name (-Path, -FileNameTemplate, -Journal), or PowerShell 7.",
                };
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
        if (api.TaskMayExist)
        {
            action = "The request may have reached the service, so a task may exist and be charged; check the balance "
                + "(Get-4oCredit) before sending this row again.";
        }

        return new PipelineError(api, Id(area, reason), category, target, api.ServiceMessage) { RecommendedAction = api.Advice ?? action };
    }

    // A download that failed because download-url refused carries that refusal's advice.
    private static string? AdviceWithin(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is FourOImageApiException { Advice: { } advice })
            {
                return advice;
            }
        }

        return null;
    }

    private static (string Reason, PipelineErrorCategory Category, string? Action) Classify(FourOImageApiException api) => api.Kind switch
    {
        ApiErrorKind.Unauthorized => ("Unauthorized", PipelineErrorCategory.AuthenticationError,
            "Check the API key given with -ApiKey, Connect-4oImage or FOUROIMAGE_API_KEY."),
        ApiErrorKind.InsufficientCredits => ("InsufficientCredits", PipelineErrorCategory.QuotaExceeded, "Top up credits, then run the command again."),
        ApiErrorKind.BadRequest => ("Rejected", PipelineErrorCategory.InvalidArgument, null),
        ApiErrorKind.Refused => ("Rejected", PipelineErrorCategory.InvalidOperation,
            "The service gave its reason above: fix what it names (the file, its type or size), or check -UploadBaseUrl and the key, then try again."),
        _ when api.RecordMissing || (api.Kind == ApiErrorKind.ValidationFailed && api.SaysRecordIsNull) =>
            ("TaskNotFound", PipelineErrorCategory.InvalidArgument, "Check the task id; the service keeps tasks for 14 days."),
        ApiErrorKind.ValidationFailed => ("InvalidRequest", PipelineErrorCategory.InvalidArgument, null),
        ApiErrorKind.NotFound => ("NotFound", PipelineErrorCategory.ObjectNotFound, ApiErrorText.WrongBaseUrlAdvice),
        ApiErrorKind.RateLimited => ("RateLimited", PipelineErrorCategory.LimitsExceeded,
            "The service kept refusing new tasks (another client may use the account's submission window); try again later, or lower -SubmissionLimit."),
        ApiErrorKind.InputImageUnreachable => ("ImageNotFetched", PipelineErrorCategory.InvalidArgument, "Make sure every input image URL is public."),
        ApiErrorKind.Maintenance => ("Maintenance", PipelineErrorCategory.ResourceUnavailable, "The service is under maintenance; try again later."),
        ApiErrorKind.ServerError => ("ServerError", PipelineErrorCategory.ResourceUnavailable, null),
        ApiErrorKind.FeatureDisabled => ("FeatureDisabled", PipelineErrorCategory.NotImplemented, null),
        ApiErrorKind.QueueFull => ("QueueFull", PipelineErrorCategory.LimitsExceeded, "The service's queue is full; try again later."),
        ApiErrorKind.Timeout => ("Timeout", PipelineErrorCategory.OperationTimeout, null),
        ApiErrorKind.NetworkError => ("ConnectionFailed", PipelineErrorCategory.ConnectionError, null),
        ApiErrorKind.InvalidResponse => ("InvalidResponse", PipelineErrorCategory.ProtocolError, null),
        ApiErrorKind.EdgeRefused => ("EdgeRefused", PipelineErrorCategory.PermissionDenied, ApiErrorText.EdgeRefusedAdvice),
        ApiErrorKind.Redirected => ("Redirected", PipelineErrorCategory.ConnectionError, ApiErrorText.RedirectedAdvice),
        ApiErrorKind.ProxyAuthenticationRequired => ("ProxyAuthenticationRequired", PipelineErrorCategory.AuthenticationError,
            "Give the proxy's credentials with Connect-4oImage -ProxyCredential, or in FOUROIMAGE_PROXY as http://user:password@proxy:port/."),
        _ => ("ServiceError", PipelineErrorCategory.NotSpecified, null),
    };

    private static string Id(string area, string reason) => "FourOImage." + area + "." + reason;
}
