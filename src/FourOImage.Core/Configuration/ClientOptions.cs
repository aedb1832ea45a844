using System;

namespace FourOImage.Core;

/// <summary>Everything a <see cref="FourOImageClient"/> needs. Immutable: the With methods return changed copies.</summary>
public sealed class ClientOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://4oimageapiio.erweima.ai/");
    public static readonly Uri DefaultUploadBaseUrl = new("https://kieai.redpandaai.co/");
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);
    public const int DefaultMaxConnectionsPerServer = 16;

    public ClientOptions()
        : this(DefaultBaseUrl, DefaultUploadBaseUrl, null, null, DefaultRequestTimeout, RetryOptions.Default, DefaultMaxConnectionsPerServer)
    {
    }

    private ClientOptions(Uri baseUrl, Uri uploadBaseUrl, ApiKey? apiKey, Uri? proxy, TimeSpan requestTimeout, RetryOptions retry, int maxConnectionsPerServer)
    {
        BaseUrl = baseUrl;
        UploadBaseUrl = uploadBaseUrl;
        ApiKey = apiKey;
        Proxy = proxy;
        RequestTimeout = requestTimeout;
        Retry = retry;
        MaxConnectionsPerServer = maxConnectionsPerServer;
    }

    /// <summary>The API host, always ending with '/'. Endpoint paths (api/v1/...) are appended to it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The host of the file-stream-upload endpoint, always ending with '/'.</summary>
    public Uri UploadBaseUrl { get; }

    public ApiKey? ApiKey { get; }

    /// <summary>An explicit proxy; null uses the system's default proxy settings.</summary>
    public Uri? Proxy { get; }

    /// <summary>Time allowed for one HTTP request (each retry gets its own).</summary>
    public TimeSpan RequestTimeout { get; }

    public RetryOptions Retry { get; }

    /// <summary>Connection limit per host (Windows PowerShell's default of 2 would serialise parallel work).</summary>
    public int MaxConnectionsPerServer { get; }

    public ClientOptions WithBaseUrl(Uri baseUrl) =>
        new(UrlSetting.AsBaseUrl(baseUrl, "BaseUrl"), UploadBaseUrl, ApiKey, Proxy, RequestTimeout, Retry, MaxConnectionsPerServer);

    public ClientOptions WithUploadBaseUrl(Uri uploadBaseUrl) =>
        new(BaseUrl, UrlSetting.AsBaseUrl(uploadBaseUrl, "UploadBaseUrl"), ApiKey, Proxy, RequestTimeout, Retry, MaxConnectionsPerServer);

    public ClientOptions WithApiKey(ApiKey? apiKey) =>
        new(BaseUrl, UploadBaseUrl, apiKey, Proxy, RequestTimeout, Retry, MaxConnectionsPerServer);

    public ClientOptions WithProxy(Uri? proxy)
    {
        if (proxy is not null && !UrlSetting.IsHttp(proxy))
        {
            throw new ArgumentException($"Proxy '{Redaction.MaskUserInfo(proxy.OriginalString)}' is not an absolute http or https URL.", "Proxy");
        }

        return new(BaseUrl, UploadBaseUrl, ApiKey, proxy, RequestTimeout, Retry, MaxConnectionsPerServer);
    }

    public ClientOptions WithRequestTimeout(TimeSpan requestTimeout)
    {
        var infinite = requestTimeout == System.Threading.Timeout.InfiniteTimeSpan;
        if (!infinite && (requestTimeout <= TimeSpan.Zero || requestTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException("RequestTimeout", requestTimeout, "RequestTimeout must be positive and at most 24 days.");
        }

        return new(BaseUrl, UploadBaseUrl, ApiKey, Proxy, requestTimeout, Retry, MaxConnectionsPerServer);
    }

    public ClientOptions WithRetry(RetryOptions retry) =>
        new(BaseUrl, UploadBaseUrl, ApiKey, Proxy, RequestTimeout, retry ?? throw new ArgumentNullException("Retry"), MaxConnectionsPerServer);

    public ClientOptions WithMaxConnectionsPerServer(int maxConnectionsPerServer)
    {
        if (maxConnectionsPerServer < 1)
        {
            throw new ArgumentOutOfRangeException("MaxConnectionsPerServer", maxConnectionsPerServer, "MaxConnectionsPerServer must be at least 1.");
        }

        return new(BaseUrl, UploadBaseUrl, ApiKey, Proxy, RequestTimeout, Retry, maxConnectionsPerServer);
    }
}
