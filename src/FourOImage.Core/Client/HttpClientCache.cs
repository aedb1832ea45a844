using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace FourOImage.Core;

/// <summary>
/// One HttpClient per transport configuration (proxy, proxy credential and connection limit) for the life of the
/// process, so connections are pooled across cmdlet calls. Keys and timeouts are per request, so they are not part of
/// the cache key.
/// </summary>
internal static class HttpClientCache
{
    private static readonly ConcurrentDictionary<TransportKey, Lazy<SharedHttpClient>> Clients = new();

    public static SharedHttpClient Get(ClientOptions options)
    {
        var key = new TransportKey(options.Proxy, options.ProxyCredential, options.MaxConnectionsPerServer);
        return Clients.GetOrAdd(key, _ => new Lazy<SharedHttpClient>(() => Create(options))).Value;
    }

    internal static HttpClientHandler CreateHandler(ClientOptions options)
    {
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };

        try
        {
            handler.MaxConnectionsPerServer = options.MaxConnectionsPerServer;
        }
        catch (PlatformNotSupportedException)
        {
            // Older .NET Framework handlers take the limit from ServicePointManager instead.
            if (ServicePointManager.DefaultConnectionLimit < options.MaxConnectionsPerServer)
            {
                ServicePointManager.DefaultConnectionLimit = options.MaxConnectionsPerServer;
            }
        }

        // A proxy that asks (HTTP 407) gets the configured credential, or else the signed-in user's (Windows
        // integrated authentication: NTLM or Kerberos, never sent to a proxy that asks for Basic).
        ICredentials proxyCredentials = (ICredentials?)options.ProxyCredential ?? CredentialCache.DefaultCredentials;
        handler.UseProxy = true;
        if (options.Proxy is not null)
        {
            handler.Proxy = new WebProxy(options.Proxy) { Credentials = proxyCredentials };
        }
        else
        {
            try
            {
                handler.DefaultProxyCredentials = proxyCredentials;
            }
            catch (PlatformNotSupportedException)
            {
                // A handler without DefaultProxyCredentials: the system proxy gets what WebRequest.DefaultWebProxy has.
            }
        }

        return handler;
    }

    private static SharedHttpClient Create(ClientOptions options)
    {
        EnableTls12OnOldFrameworks();
        var handler = CreateHandler(options);
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

/// <summary>What makes two HttpClients different. Compares the proxy credential by value and never prints it.</summary>
internal sealed class TransportKey : IEquatable<TransportKey>
{
    private readonly string? proxy;
    private readonly NetworkCredential? credential;
    private readonly int maxConnectionsPerServer;

    public TransportKey(Uri? proxy, NetworkCredential? credential, int maxConnectionsPerServer)
    {
        this.proxy = proxy?.AbsoluteUri;
        this.credential = credential;
        this.maxConnectionsPerServer = maxConnectionsPerServer;
    }

    public bool Equals(TransportKey? other) =>
        other is not null
        && string.Equals(proxy, other.proxy, StringComparison.Ordinal)
        && maxConnectionsPerServer == other.maxConnectionsPerServer
        && SameCredential(credential, other.credential);

    public override bool Equals(object? obj) => Equals(obj as TransportKey);

    public override int GetHashCode() =>
        ((proxy?.GetHashCode() ?? 0) * 397) ^ maxConnectionsPerServer ^ (credential?.UserName?.GetHashCode() ?? 0);

    public override string ToString() => $"{proxy ?? "system proxy"}|{maxConnectionsPerServer}";

    private static bool SameCredential(NetworkCredential? a, NetworkCredential? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null
            && string.Equals(a.UserName, b.UserName, StringComparison.Ordinal)
            && string.Equals(a.Domain, b.Domain, StringComparison.Ordinal)
            && string.Equals(a.Password, b.Password, StringComparison.Ordinal));
}
