using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace FourOImage.Core;

/// <summary>
/// One HttpClient per transport configuration (proxy and connection limit) for the life of the process,
/// so connections are pooled across cmdlet calls. Keys and timeouts are per request, so they are not part of the key.
/// </summary>
internal static class HttpClientCache
{
    private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> Clients = new(StringComparer.Ordinal);

    public static HttpClient Get(ClientOptions options)
    {
        var key = $"{options.Proxy?.AbsoluteUri}|{options.MaxConnectionsPerServer}";
        return Clients.GetOrAdd(key, _ => new Lazy<HttpClient>(() => Create(options.Proxy, options.MaxConnectionsPerServer))).Value;
    }

    private static HttpClient Create(Uri? proxy, int maxConnectionsPerServer)
    {
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };

        try
        {
            handler.MaxConnectionsPerServer = maxConnectionsPerServer;
        }
        catch (PlatformNotSupportedException)
        {
            // Older .NET Framework handlers take the limit from ServicePointManager instead.
            if (ServicePointManager.DefaultConnectionLimit < maxConnectionsPerServer)
            {
                ServicePointManager.DefaultConnectionLimit = maxConnectionsPerServer;
            }
        }

        if (proxy is not null)
        {
            handler.UseProxy = true;
            handler.Proxy = new WebProxy(proxy);
        }

        var client = new HttpClient(handler, disposeHandler: true)
        {
            // Each request gets its own timeout through a linked token, so a timeout can be told from a cancellation.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.ExpectContinue = false;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("FourOImage/" + typeof(HttpClientCache).Assembly.GetName().Version?.ToString(3));
        return client;
    }
}
