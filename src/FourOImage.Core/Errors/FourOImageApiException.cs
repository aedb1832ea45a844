using System;

namespace FourOImage;

/// <summary>
/// The service answered something other than success: a body code other than 200, a non-2xx HTTP status,
/// an HTML or empty body, or no answer at all (network fault, timeout).
/// </summary>
public sealed class FourOImageApiException : FourOImageException
{
    public FourOImageApiException(
        string message,
        string endpoint,
        int? code,
        int? httpStatus,
        string? serviceMessage,
        bool isRetryable,
        bool taskMayExist = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        Code = code;
        HttpStatus = httpStatus;
        ServiceMessage = serviceMessage;
        IsRetryable = isRetryable;
        TaskMayExist = taskMayExist;
    }

    /// <summary>Short endpoint name: generate, record-info, download-url, credit or upload.</summary>
    public string Endpoint { get; }

    /// <summary>The envelope's code (e.g. 401, 402, 422, 429), or null when the body had none.</summary>
    public int? Code { get; }

    /// <summary>The HTTP status, or null when no answer arrived.</summary>
    public int? HttpStatus { get; }

    /// <summary>The service's own message (the envelope's msg), verbatim.</summary>
    public string? ServiceMessage { get; }

    public bool IsRetryable { get; }

    /// <summary>For generate: the request may have reached the service, so a task may exist and may be charged.</summary>
    public bool TaskMayExist { get; }

    /// <summary>The task the call was about, when there was one.</summary>
    public string? TaskId { get; internal set; }

    /// <summary>The kind of failure, for ErrorIds and error categories.</summary>
    public ApiErrorKind Kind { get; internal set; }

    /// <summary>
    /// The service answered that it has no record of the task ("record is null", or code 200 without data): unknown, or
    /// for a task just created, not visible yet.
    /// </summary>
    public bool RecordMissing { get; internal set; }

    /// <summary>The service's message says "record is null", its answer for a task id it has no record of (yet).</summary>
    internal bool SaysRecordIsNull =>
        ServiceMessage != null && ServiceMessage.IndexOf("record is null", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>What to do about it, when the answer calls for more than its kind says (download-url's refusals).</summary>
    internal string? Advice { get; set; }

    /// <summary>How many requests were sent (1 when the call was not retried).</summary>
    public int Attempts { get; internal set; } = 1;
}
