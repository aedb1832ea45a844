using System;
using System.Net;
using FourOImage.Core.Timing;

namespace FourOImage.Core;

/// <summary>Everything a <see cref="FourOImageClient"/> needs. Immutable: the With methods return changed copies.</summary>
public sealed class ClientOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://4oimageapiio.erweima.ai/");
    public static readonly Uri DefaultUploadBaseUrl = new("https://kieai.redpandaai.co/");
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);
    public const int DefaultMaxConnectionsPerServer = 16;

    /// <summary>The service's documented submission window: 20 new generation requests per 10 seconds per account.</summary>
    public const int DefaultSubmissionLimit = 20;
    public const int MaxSubmissionLimit = 10000;
    public static readonly TimeSpan DefaultSubmissionWindow = TimeSpan.FromSeconds(10);

    /// <summary>How long a task just created may be invisible to record-info before it counts as not found.</summary>
    public static readonly TimeSpan DefaultNewTaskGracePeriod = TimeSpan.FromSeconds(30);

    public ClientOptions()
    {
        BaseUrl = DefaultBaseUrl;
        UploadBaseUrl = DefaultUploadBaseUrl;
        RequestTimeout = DefaultRequestTimeout;
        Retry = RetryOptions.Default;
        MaxConnectionsPerServer = DefaultMaxConnectionsPerServer;
        SubmissionLimit = DefaultSubmissionLimit;
        SubmissionWindow = DefaultSubmissionWindow;
        NewTaskGracePeriod = DefaultNewTaskGracePeriod;
    }

    /// <summary>The API host, always ending with '/'. Endpoint paths (api/v1/...) are appended to it.</summary>
    public Uri BaseUrl { get; private set; }

    /// <summary>The host of the file-stream-upload endpoint, always ending with '/'.</summary>
    public Uri UploadBaseUrl { get; private set; }

    public ApiKey? ApiKey { get; private set; }

    /// <summary>An explicit proxy, never with user info (that becomes <see cref="ProxyCredential"/>); null uses the system's proxy settings.</summary>
    public Uri? Proxy { get; private set; }

    /// <summary>
    /// The credential for the proxy (the explicit one, or else the system's); null sends the signed-in user's default
    /// credentials (Windows integrated authentication) when a proxy asks.
    /// </summary>
    public NetworkCredential? ProxyCredential { get; private set; }

    /// <summary>Time allowed for one HTTP request (each retry gets its own).</summary>
    public TimeSpan RequestTimeout { get; private set; }

    public RetryOptions Retry { get; private set; }

    /// <summary>Connection limit per host (Windows PowerShell's default of 2 would serialise parallel work).</summary>
    public int MaxConnectionsPerServer { get; private set; }

    /// <summary>
    /// The account's submission limit: new generation requests per <see cref="SubmissionWindow"/> (the service's is 20;
    /// support can raise it). Generate calls of one account are paced to stay just under it, across every runspace and
    /// process on this machine; 0 turns the pacing off.
    /// </summary>
    public int SubmissionLimit { get; private set; }

    /// <summary>The length of the service's sliding submission window (10 seconds).</summary>
    public TimeSpan SubmissionWindow { get; private set; }

    /// <summary>
    /// How long a task this module just created (or the journal recorded) may be answered "record is null" (or no data)
    /// while the cmdlets wait for it, before it counts as not found. An id never seen is not found at once.
    /// </summary>
    public TimeSpan NewTaskGracePeriod { get; private set; }

    /// <summary>The time every timeout, backoff, window and grace of the client runs on; tests give one they move by hand.</summary>
    internal Clock Clock { get; private set; } = Clock.System;

    /// <summary>
    /// Send the key over plain http:// to a host that is not this machine (as the web cmdlets'
    /// -AllowUnencryptedAuthentication). Off: such a base URL is refused before any request (<see cref="UnencryptedAuthentication"/>).
    /// </summary>
    public bool AllowUnencryptedAuthentication { get; private set; }

    public ClientOptions WithAllowUnencryptedAuthentication(bool allow) => With(o => o.AllowUnencryptedAuthentication = allow);

    public ClientOptions WithBaseUrl(Uri baseUrl) => With(o => o.BaseUrl = UrlSetting.AsBaseUrl(baseUrl, "BaseUrl"));

    public ClientOptions WithUploadBaseUrl(Uri uploadBaseUrl) => With(o => o.UploadBaseUrl = UrlSetting.AsBaseUrl(uploadBaseUrl, "UploadBaseUrl"));

    public ClientOptions WithApiKey(ApiKey? apiKey) => With(o => o.ApiKey = apiKey);

    /// <summary>
    /// The proxy (null: the system's) and its credential (null: the one in the proxy URL's user info, if any, else the
    /// signed-in user's default credentials). User info in <paramref name="proxy"/> never stays in <see cref="Proxy"/>.
    /// </summary>
    public ClientOptions WithProxy(Uri? proxy, NetworkCredential? credential = null)
    {
        var setting = ProxySetting.From(proxy, "Proxy");
        return With(o =>
        {
            o.Proxy = setting.Address;
            o.ProxyCredential = credential ?? setting.Credential;
        });
    }

    public ClientOptions WithRequestTimeout(TimeSpan requestTimeout)
    {
        var infinite = requestTimeout == System.Threading.Timeout.InfiniteTimeSpan;
        if (!infinite && (requestTimeout <= TimeSpan.Zero || requestTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException("RequestTimeout", requestTimeout, "RequestTimeout must be positive and at most 24 days.");
        }

        return With(o => o.RequestTimeout = requestTimeout);
    }

    public ClientOptions WithRetry(RetryOptions retry) => With(o => o.Retry = retry ?? throw new ArgumentNullException("Retry"));

    public ClientOptions WithMaxConnectionsPerServer(int maxConnectionsPerServer)
    {
        if (maxConnectionsPerServer < 1)
        {
            throw new ArgumentOutOfRangeException("MaxConnectionsPerServer", maxConnectionsPerServer, "MaxConnectionsPerServer must be at least 1.");
        }

        return With(o => o.MaxConnectionsPerServer = maxConnectionsPerServer);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming SubmissionLimit when it is negative or above 10000.</summary>
    public ClientOptions WithSubmissionLimit(int submissionLimit)
    {
        if (submissionLimit < 0 || submissionLimit > MaxSubmissionLimit)
        {
            throw new ArgumentOutOfRangeException(
                "SubmissionLimit", submissionLimit, $"SubmissionLimit must be 0 (no pacing) to {MaxSubmissionLimit} new tasks per 10 seconds.");
        }

        return With(o => o.SubmissionLimit = submissionLimit);
    }

    /// <summary>The window's length; only tests and emulator experiments change it (the service's is 10 seconds).</summary>
    public ClientOptions WithSubmissionWindow(TimeSpan submissionWindow)
    {
        if (submissionWindow <= TimeSpan.Zero || submissionWindow > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException("SubmissionWindow", submissionWindow, "SubmissionWindow must be positive and at most an hour.");
        }

        return With(o => o.SubmissionWindow = submissionWindow);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming NewTaskGracePeriod when negative or above an hour; zero gives none.</summary>
    public ClientOptions WithNewTaskGracePeriod(TimeSpan newTaskGracePeriod)
    {
        if (newTaskGracePeriod < TimeSpan.Zero || newTaskGracePeriod > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException("NewTaskGracePeriod", newTaskGracePeriod, "NewTaskGracePeriod must be 0 to 1 hour.");
        }

        return With(o => o.NewTaskGracePeriod = newTaskGracePeriod);
    }

    internal ClientOptions WithClock(Clock clock) => With(o => o.Clock = clock ?? throw new ArgumentNullException(nameof(clock)));

    private ClientOptions With(Action<ClientOptions> change)
    {
        var copy = (ClientOptions)MemberwiseClone();
        change(copy);
        return copy;
    }
}
