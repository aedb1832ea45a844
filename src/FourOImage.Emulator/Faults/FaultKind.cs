namespace FourOImage.Emulator;

/// <summary>What an injected fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>HTTP 200 with the envelope carrying <see cref="Fault.Code"/> (429, 455, 500, 550...). On the image host: that HTTP status.</summary>
    BodyCode,

    /// <summary>A real non-2xx HTTP answer with an HTML body, as a proxy or the edge sends it (502, 503, 429...).</summary>
    HttpStatus,

    /// <summary>The answer is delayed by <see cref="Fault.Delay"/>, then the request is served normally.</summary>
    Slow,

    /// <summary>The connection is aborted before any answer.</summary>
    Drop,

    /// <summary>Image host only: the full Content-Length is advertised, then the connection is aborted midway. Elsewhere: like <see cref="Drop"/>.</summary>
    Truncate,

    /// <summary>
    /// The request is served in full (a generate creates and charges its task), then the connection is closed before
    /// any byte of the answer leaves: the answer is lost on the way back.
    /// </summary>
    LostAnswer,

    /// <summary>HTTP 403 with the text body <c>error code: 1010</c>: the firewall in front of the service refused the request.</summary>
    EdgeRefusal,

    /// <summary>
    /// Image host only: the full Content-Length is advertised and the first bytes sent, then one byte every
    /// <see cref="Fault.Delay"/> (a trickle that never stalls long enough to look dead). Elsewhere: like <see cref="Drop"/>.
    /// </summary>
    Trickle,

    /// <summary>Image host only: the image's first bytes, then zeros without end (no Content-Length). Elsewhere: like <see cref="Drop"/>.</summary>
    Endless,

    /// <summary>Image host only: the image in full, at its full length, with one byte of its pixel data changed (its CRC no longer matches). Elsewhere: like <see cref="Drop"/>.</summary>
    Corrupt,
}
