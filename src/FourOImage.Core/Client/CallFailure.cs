using System;

namespace FourOImage.Core;

/// <summary>Why one attempt failed and whether another attempt is safe.</summary>
internal sealed class CallFailure
{
    public ApiErrorKind Kind { get; init; }

    public int? Code { get; init; }

    public int? HttpStatus { get; init; }

    public string? ServiceMessage { get; init; }

    /// <summary>What happened, for the exception message: "the service answered code 402 (insufficient credits)".</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Short form for diagnostics: "HTTP 200 code 429", "HTTP 502 with an HTML body", "connection refused".</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Transient and safe to send again.</summary>
    public bool Retry { get; init; }

    public bool TaskMayExist { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public Exception? Inner { get; init; }

    /// <summary>The same failure told another way (the kind, codes and retry flags stay).</summary>
    public CallFailure WithDescription(string description) => new()
    {
        Kind = Kind,
        Code = Code,
        HttpStatus = HttpStatus,
        ServiceMessage = ServiceMessage,
        Description = description,
        Summary = Summary,
        Retry = Retry,
        TaskMayExist = TaskMayExist,
        RetryAfter = RetryAfter,
        Inner = Inner,
    };
}
