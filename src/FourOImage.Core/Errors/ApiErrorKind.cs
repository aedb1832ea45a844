namespace FourOImage;

/// <summary>What went wrong with a call, in words a cmdlet can turn into an ErrorId (FourOImage.Generate.InsufficientCredits).</summary>
public enum ApiErrorKind
{
    Unknown = 0,

    /// <summary>Code or HTTP 400: malformed request or content policy.</summary>
    BadRequest,

    /// <summary>Code 401/403, or HTTP 401: missing or wrong API key.</summary>
    Unauthorized,

    /// <summary>Code or HTTP 402.</summary>
    InsufficientCredits,

    /// <summary>Code or HTTP 404.</summary>
    NotFound,

    /// <summary>Code 422: validation error or unknown record ("record is null").</summary>
    ValidationFailed,

    /// <summary>Code or HTTP 429.</summary>
    RateLimited,

    /// <summary>Code 451: an input image could not be fetched.</summary>
    InputImageUnreachable,

    /// <summary>Code 455.</summary>
    Maintenance,

    /// <summary>Code 500 or HTTP 5xx.</summary>
    ServerError,

    /// <summary>Code 505.</summary>
    FeatureDisabled,

    /// <summary>Code 550: queue full, task rejected.</summary>
    QueueFull,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>Connection refused, reset or dropped; DNS failure.</summary>
    NetworkError,

    /// <summary>An answer that is not the service's JSON envelope (HTML, empty, malformed, missing data).</summary>
    InvalidResponse,

    /// <summary>HTTP 403 with an HTML or text body: the firewall in front of the service refused the request (not a key problem).</summary>
    EdgeRefused,

    /// <summary>HTTP 407 from a proxy: it wants credentials it was not given, or refused the ones it was given.</summary>
    ProxyAuthenticationRequired,

    /// <summary>The API answered with a redirect: the key is never sent along one, so an answer from there says nothing about the key.</summary>
    Redirected,

    /// <summary>An answer with "success": false and no error code (the upload service's refusal); its msg says why.</summary>
    Refused,
}
