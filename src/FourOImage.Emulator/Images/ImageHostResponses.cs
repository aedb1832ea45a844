using System;
using System.Text;
using System.Threading.Tasks;
using FourOImage.Emulator.Logging;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Images;

/// <summary>How the image host answers: file bodies (paced, maybe truncated) and S3-style XML errors.</summary>
internal sealed class ImageHostResponses
{
    private readonly long? _bytesPerSecond;
    private readonly ImageHostLink? _link;

    public ImageHostResponses(long? bytesPerSecond, long? hostBytesPerSecond)
    {
        _bytesPerSecond = bytesPerSecond;
        _link = hostBytesPerSecond is > 0 ? new ImageHostLink(hostBytesPerSecond.Value) : null;
    }

    public async Task FileAsync(HttpContext context, ReadOnlyMemory<byte> body, string contentType)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "public, max-age=1209600";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var truncate = RequestRecord.Of(context)?.Fault?.Kind == FaultKind.Truncate;
        // A truncated body simply ends early: Kestrel then closes the connection after sending what was written,
        // so the client sees a premature end of the body rather than a reset that could swallow the headers.
        await PacedBodyWriter.WriteAsync(response, body, _bytesPerSecond, _link, truncate ? body.Length / 2 : null, context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static Task NotFoundAsync(HttpContext context) => ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.");
}
