using System;

namespace FourOImage.Emulator;

/// <summary>
/// One request the emulator received. Never holds the API key: only whether an Authorization header came.
/// <paramref name="HttpStatus"/> is 0 when the connection was dropped before an answer.
/// </summary>
public sealed record RequestLogEntry(DateTimeOffset Time, string Host, string Method, string Path, string Endpoint,
    string? TaskId, bool HadAuthorization, int HttpStatus, int? BodyCode)
{
    /// <summary>The injected fault that hit this request (e.g. "body-429", "http-502", "drop", "truncate"), if any.</summary>
    public string? Fault { get; init; }

    /// <summary>The User-Agent header the request came with, or null when it had none.</summary>
    public string? UserAgent { get; init; }
}
