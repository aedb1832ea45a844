using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace FourOImage.Core;

/// <summary>
/// One HttpClient per transport configuration (proxy and connection limit) for the life of the process,
/// so connections are pooled across cmdlet calls. Keys and timeouts are per request, so they are not part of the cache key.
/// </summary>
internal static class HttpClientCache
{
    private static readonly ConcurrentDictionary<string, Lazy<SharedHttpClient>> Clients = new(StringComparer.Ordinal);

    public static SharedHttpClient Get(ClientOptions options)
    {
        var key = $"{options.Proxy?.AbsoluteUri}|{options.MaxConnectionsPerServer}";
        return Clients.GetOrAdd(key, _ => new Lazy<SharedHttpClient>(() => Create(options.Proxy, options.MaxConnectionsPerServer))).Value;
    }

    private static SharedHttpClient Create(Uri? proxy, int maxConnectionsPerServer)
    {
        EnableTls12OnOldFrameworks();
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
        return new SharedHttpClient(client, handler);
    }

    /// <summary>
    /// Windows PowerShell 5.1 on an older .NET Framework may offer only TLS 1.0, which the service refuses.
    /// SystemDefault (0, every modern runtime) is left alone.
    /// </summary>
    private static void EnableTls12OnOldFrameworks()
    {
        var protocols = ServicePointManager.SecurityProtocol;
        if (protocols != 0 && (protocols & SecurityProtocolType.Tls12) == 0)
        {
            ServicePointManager.SecurityProtocol = protocols | SecurityProtocolType.Tls12;
        }
    }
}

/// <summary>A process-wide HttpClient and the handler it owns.</summary>
internal sealed class SharedHttpClient
{
    public SharedHttpClient(HttpClient client, HttpClientHandler handler)
    {
        Client = client;
        Handler = handler;
    }

    public HttpClient Client { get; }

    public HttpClientHandler Handler { get; }
}
