using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core;

/// <summary>
/// The JSON body of a request that may reach the service at most once (generate: each one that arrives creates and
/// charges a task). HTTP stacks resend a request that failed on a connection the server closed, by writing its body
/// again; this body refuses to be written a second time, so such a resend fails instead of paying twice.
/// </summary>
internal sealed class SendOnceContent : HttpContent
{
    private readonly byte[] body;
    private int written;

    public SendOnceContent(byte[] json)
    {
        body = json;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        if (Interlocked.Exchange(ref written, 1) != 0)
        {
            throw new RepeatedSendException();
        }

        return stream.WriteAsync(body, 0, body.Length);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}

/// <summary>Something below the module tried to send a once-only request again; it was not sent again.</summary>
internal sealed class RepeatedSendException : InvalidOperationException
{
    public RepeatedSendException()
        : base("The HTTP stack tried to send the request a second time after its connection failed; it was not sent again.")
    {
    }
}
