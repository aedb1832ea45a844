using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>Wraps a getImage delegate and counts the image responses open at the same time (open = fetched, not yet disposed).</summary>
internal sealed class ConcurrencyProbe
{
    private readonly Func<Uri, CancellationToken, Task<HttpResponseMessage>> inner;
    private int open;
    private int max;

    public ConcurrencyProbe(Func<Uri, CancellationToken, Task<HttpResponseMessage>> inner)
    {
        this.inner = inner;
    }

    public int MaxOpen => Volatile.Read(ref max);

    public async Task<HttpResponseMessage> GetImageAsync(Uri url, CancellationToken cancellationToken)
    {
        var response = await inner(url, cancellationToken);
        var now = Interlocked.Increment(ref open);
        int seen;
        while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
        {
        }

        response.Content = new ClosingContent(response.Content, () => Interlocked.Decrement(ref open));
        return response;
    }

    private sealed class ClosingContent : HttpContent
    {
        private readonly HttpContent inner;
        private Action? onDispose;

        public ClosingContent(HttpContent inner, Action onDispose)
        {
            this.inner = inner;
            this.onDispose = onDispose;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);

        protected override Task<Stream> CreateContentReadStreamAsync() => inner.ReadAsStreamAsync();

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Interlocked.Exchange(ref onDispose, null)?.Invoke();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
