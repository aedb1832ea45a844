using System;

namespace FourOImage.Emulator;

/// <summary>One injected fault. Build with the factory members, e.g. <c>Fault.BodyCode(429)</c> or <c>Fault.BadGateway</c>.</summary>
public sealed record Fault
{
    public FaultKind Kind { get; init; }

    /// <summary>The body code (<see cref="FaultKind.BodyCode"/>) or HTTP status (<see cref="FaultKind.HttpStatus"/>).</summary>
    public int Code { get; init; }

    /// <summary>Delay of a <see cref="FaultKind.Slow"/> answer.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>When set, a Retry-After header (seconds) goes with the answer.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary><see cref="FaultKind.HttpStatus"/> only: answer with no body at all (Content-Length 0) instead of an HTML page.</summary>
    public bool EmptyBody { get; init; }

    /// <summary>
    /// <see cref="FaultKind.BodyCode"/>: the envelope's msg instead of the usual one for the code (any language).
    /// <see cref="FaultKind.HttpStatus"/> on the API port: answer with the JSON envelope (code = the status, this msg;
    /// "success": false on upload) instead of an HTML page, as the upload service refuses with a real HTTP status.
    /// </summary>
    public string? Message { get; init; }

    /// <summary>The code in the envelope (HTTP 200), with the usual message for it or <paramref name="message"/>.</summary>
    public static Fault WithBodyCode(int code, int? retryAfterSeconds = null, string? message = null) =>
        new() { Kind = FaultKind.BodyCode, Code = code, RetryAfterSeconds = retryAfterSeconds, Message = message };

    /// <summary>
    /// A real HTTP status with an HTML page, or with an empty body when <paramref name="emptyBody"/> is set.
    /// <c>WithHttpStatus(200, emptyBody: true)</c> is an HTTP 200 with nothing in it; <c>WithHttpStatus(200)</c> an HTML 200;
    /// <c>WithHttpStatus(400, message: "File type not supported")</c> is an HTTP 400 with the JSON envelope saying so.
    /// </summary>
    public static Fault WithHttpStatus(int status, int? retryAfterSeconds = null, bool emptyBody = false, string? message = null) =>
        new() { Kind = FaultKind.HttpStatus, Code = status, RetryAfterSeconds = retryAfterSeconds, EmptyBody = emptyBody, Message = message };

    /// <summary>HTTP 502 with an HTML body.</summary>
    public static Fault BadGateway { get; } = WithHttpStatus(502);

    public static Fault Slow(TimeSpan delay) => new() { Kind = FaultKind.Slow, Delay = delay };

    public static Fault Drop { get; } = new() { Kind = FaultKind.Drop };

    public static Fault Truncate { get; } = new() { Kind = FaultKind.Truncate };

    /// <summary>Image host: the first bytes, then one byte every <paramref name="interval"/>.</summary>
    public static Fault Trickle(TimeSpan interval) => new() { Kind = FaultKind.Trickle, Delay = interval };

    /// <summary>Image host: the image's first bytes, then zeros without end.</summary>
    public static Fault Endless { get; } = new() { Kind = FaultKind.Endless };

    /// <summary>Image host: the image at its full length with one byte of pixel data changed.</summary>
    public static Fault Corrupt { get; } = new() { Kind = FaultKind.Corrupt };

    /// <summary>Served (a generate creates and charges its task), then the connection closes before the answer.</summary>
    public static Fault LostAnswer { get; } = new() { Kind = FaultKind.LostAnswer };

    /// <summary>HTTP 403, text body <c>error code: 1010</c>, as the service's firewall refuses a request.</summary>
    public static Fault EdgeRefusal { get; } = new() { Kind = FaultKind.EdgeRefusal, Code = 403 };

    public override string ToString() => Kind switch
    {
        FaultKind.BodyCode => $"body-{Code}",
        FaultKind.HttpStatus => EmptyBody ? $"http-{Code}-empty" : Message is null ? $"http-{Code}" : $"http-{Code}-json",
        FaultKind.Slow => $"slow-{(int)Delay.TotalMilliseconds}ms",
        FaultKind.Drop => "drop",
        FaultKind.LostAnswer => "lost-answer",
        FaultKind.EdgeRefusal => "edge-403",
        FaultKind.Trickle => $"trickle-{(int)Delay.TotalMilliseconds}ms",
        FaultKind.Endless => "endless",
        FaultKind.Corrupt => "corrupt",
        _ => "truncate",
    };
}
