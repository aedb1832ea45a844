using System;
using System.Net;

namespace FourOImage.Core;

/// <summary>Everything a <see cref="FourOImageClient"/> needs. Immutable: the With methods return changed copies.</summary>
public sealed class ClientOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://4oimageapiio.erweima.ai/");
    public static readonly Uri DefaultUploadBaseUrl = new("https://kieai.redpandaai.co/");
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);
    public const int DefaultMaxConnectionsPerServer = 16;

    public ClientOptions()
        : this(DefaultBaseUrl, DefaultUploadBaseUrl, null, null, null, DefaultRequestTimeout, RetryOptions.Default, DefaultMaxConnectionsPerServer)
    {
    }

    private ClientOptions(Uri baseUrl, Uri uploadBaseUrl, ApiKey? apiKey, Uri? proxy, NetworkCredential? proxyCredential, TimeSpan requestTimeout, RetryOptions retry, int maxConnectionsPerServer)
    {
        BaseUrl = baseUrl;
        UploadBaseUrl = uploadBaseUrl;
        ApiKey = apiKey;
        Proxy = proxy;
        ProxyCredential = proxyCredential;
        RequestTimeout = requestTimeout;
        Retry = retry;
        MaxConnectionsPerServer = maxConnectionsPerServer;
    }

    /// <summary>The API host, always ending with '/'. Endpoint paths (api/v1/...) are appended to it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The host of the file-stream-upload endpoint, always ending with '/'.</summary>
    public Uri UploadBaseUrl { get; }

    public ApiKey? ApiKey { get; }

    /// <summary>An explicit proxy, never with user info (that becomes <see cref="ProxyCredential"/>); null uses the system's proxy settings.</summary>
    public Uri? Proxy { get; }

    /// <summary>
    /// The credential for the proxy (the explicit one, or else the system's); null sends the signed-in user's default
    /// credentials (Windows integrated authentication) when a proxy asks.
    /// </summary>
    public NetworkCredential? ProxyCredential { get; }

    /// <summary>Time allowed for one HTTP request (each retry gets its own).</summary>
    public TimeSpan RequestTimeout { get; }

    public RetryOptions Retry { get; }

    /// <summary>Connection limit per host (Windows PowerShell's default of 2 would serialise parallel work).</summary>
    public int MaxConnectionsPerServer { get; }

    public ClientOptions WithBaseUrl(Uri baseUrl) =>
        new(UrlSetting.AsBaseUrl(baseUrl, "BaseUrl"), UploadBaseUrl, ApiKey, Proxy, ProxyCredential, RequestTimeout, Retry, MaxConnectionsPerServer);

    public ClientOptions WithUploadBaseUrl(Uri uploadBaseUrl) =>
        new(BaseUrl, UrlSetting.AsBaseUrl(uploadBaseUrl, "UploadBaseUrl"), ApiKey, Proxy, ProxyCredential, RequestTimeout, Retry, MaxConnectionsPerServer);

    public ClientOptions WithApiKey(ApiKey? apiKey) =>
        new(BaseUrl, UploadBaseUrl, apiKey, Proxy, ProxyCredential, RequestTimeout, Retry, MaxConnectionsPerServer);

    /// <summary>
    /// The proxy (null: the system's) and its credential (null: the one in the proxy URL's user info, if any, else the
    /// signed-in user's default credentials). User info in <paramref name="proxy"/> never stays in <see cref="Proxy"/>.
    /// </summary>
    public ClientOptions WithProxy(Uri? proxy, NetworkCredential? credential = null)
    {
        var setting = ProxySetting.From(proxy, "Proxy");
        return new(BaseUrl, UploadBaseUrl, ApiKey, setting.Address, credential ?? setting.Credential, RequestTimeout, Retry, MaxConnectionsPerServer);
    }

    public ClientOptions WithRequestTimeout(TimeSpan requestTimeout)
    {
        var infinite = requestTimeout == System.Threading.Timeout.InfiniteTimeSpan;
        if (!infinite && (requestTimeout <= TimeSpan.Zero || requestTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException("RequestTimeout", requestTimeout, "RequestTimeout must be positive and at most 24 days.");
        }

        return new(BaseUrl, UploadBaseUrl, ApiKey, Proxy, ProxyCredential, requestTimeout, Retry, MaxConnectionsPerServer);
    }

    public ClientOptions WithRetry(RetryOptions retry) =>
        new(BaseUrl, UploadBaseUrl, ApiKey, Proxy, ProxyCredential, RequestTimeout, retry ?? throw new ArgumentNullException("Retry"), MaxConnectionsPerServer);

    public ClientOptions WithMaxConnectionsPerServer(int maxConnectionsPerServer)
    {
        if (maxConnectionsPerServer < 1)
        {
            throw new ArgumentOutOfRangeException("MaxConnectionsPerServer", maxConnectionsPerServer, "MaxConnectionsPerServer must be at least 1.");
        }

        return new(BaseUrl, UploadBaseUrl, ApiKey, Proxy, ProxyCredential, RequestTimeout, Retry, maxConnectionsPerServer);
    }
}
