using System;
using System.Text;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Logging;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Images;

/// <summary>How the image host answers: file bodies (paced, maybe truncated) and S3-style XML errors.</summary>
internal sealed class ImageHostResponses
{
    private readonly BandwidthLimiter? _bandwidth;

    public ImageHostResponses(long? bytesPerSecond) =>
        _bandwidth = bytesPerSecond is > 0 ? new BandwidthLimiter(bytesPerSecond.Value) : null;

    public async Task FileAsync(HttpContext context, ReadOnlyMemory<byte> body, string contentType)
    {
        var response = context.Response;
        var range = ByteRange.Parse(context.Request.Headers.Range.ToString(), body.Length, out var unsatisfiable);
        if (unsatisfiable)
        {
            response.Headers.ContentRange = $"bytes */{body.Length}";
            await ErrorAsync(context, 416, "InvalidRange", "The requested range is not satisfiable");
            return;
        }

        var fault = RequestRecord.Of(context)?.Fault;
        if (range is null && fault is { Kind: FaultKind.Endless or FaultKind.Trickle or FaultKind.Corrupt } && !HttpMethods.IsHead(context.Request.Method))
        {
            await FaultyBodyAsync(context, body, contentType, fault);
            return;
        }

        var part = range is { } r ? body.Slice((int)r.Start, (int)r.Length) : body;
        response.StatusCode = range is null ? 200 : 206;
        response.ContentType = contentType;
        response.ContentLength = part.Length;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "public, max-age=1209600";
        if (range is { } partial)
        {
            response.Headers.ContentRange = $"bytes {partial.Start}-{partial.End}/{body.Length}";
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        // A truncated body simply ends early: Kestrel then closes the connection after sending what was written,
        // so the client sees a premature end of the body rather than a reset that could swallow the headers.
        var truncate = RequestRecord.Of(context)?.Fault?.Kind == FaultKind.Truncate;
        await PacedBodyWriter.WriteAsync(response, part, _bandwidth, truncate ? part.Length / 2 : null, context.RequestAborted);
    }

    // The bodies of a hostile or broken image host: a trickle, an endless stream, a picture with a broken byte.
    private static async Task FaultyBodyAsync(HttpContext context, ReadOnlyMemory<byte> body, string contentType, Fault fault)
    {
        const int Start = 64; // the signature and the header of the picture
        var response = context.Response;
        var ct = context.RequestAborted;
        response.StatusCode = 200;
        response.ContentType = contentType;
        switch (fault.Kind)
        {
            case FaultKind.Corrupt:
                var copy = body.ToArray();
                copy[copy.Length / 2] ^= 0x5A; // inside the pixel data: its chunk's CRC no longer matches
                response.ContentLength = copy.Length;
                await response.Body.WriteAsync(copy, ct);
                return;
            case FaultKind.Endless:
                await response.Body.WriteAsync(body[..Start], ct);
                var zeros = new byte[64 * 1024];
                try
                {
                    while (!ct.IsCancellationRequested)
                    {
                        await response.Body.WriteAsync(zeros, ct);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException || e is System.IO.IOException)
                {
                    // The client hung up: the only way this body ends.
                }

                return;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body[..Start], ct);
                await response.Body.FlushAsync(ct);
                try
                {
                    for (var sent = Start; sent < body.Length; sent++)
                    {
                        await Task.Delay(fault.Delay, ct);
                        await response.Body.WriteAsync(body.Slice(sent, 1), ct);
                        await response.Body.FlushAsync(ct);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException || e is System.IO.IOException)
                {
                    // The client gave up.
                }

                return;
        }
    }

    public static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>");
        return ResponseBody.WriteAsync(context, status, "application/xml", body);
    }

    public static Task NotFoundAsync(HttpContext context) => ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.");
}
