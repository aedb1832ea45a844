using System;

namespace FourOImage.Core;

/// <summary>
/// Works out the options for a call: an explicit value wins over the session (Connect-4oImage),
/// which wins over the environment (FOUROIMAGE_API_KEY, FOUROIMAGE_BASE_URL, FOUROIMAGE_UPLOAD_BASE_URL, FOUROIMAGE_PROXY).
/// </summary>
public static class ClientConfiguration
{
    public const string ApiKeyVariable = "FOUROIMAGE_API_KEY";
    public const string BaseUrlVariable = "FOUROIMAGE_BASE_URL";
    public const string UploadBaseUrlVariable = "FOUROIMAGE_UPLOAD_BASE_URL";

    /// <summary>The proxy, with its credential as user info if it needs one: http://user:password@proxy:8080/.</summary>
    public const string ProxyVariable = "FOUROIMAGE_PROXY";

    public const string MissingKeyMessage =
        "No API key for the 4o Image API. Pass one with -ApiKey, connect once per session with Connect-4oImage, "
        + "or set the FOUROIMAGE_API_KEY environment variable.";

    private static volatile ClientOptions? _session;

    /// <summary>Options saved by Connect-4oImage for this process; null when not connected.</summary>
    public static ClientOptions? Session
    {
        get => _session;
        set => _session = value;
    }

    /// <summary>Resolves against <see cref="Session"/> and the process environment.</summary>
    public static ClientOptions Resolve(ApiKey? apiKey = null, Uri? baseUrl = null, Uri? uploadBaseUrl = null) =>
        Resolve(apiKey, baseUrl, uploadBaseUrl, Session, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Explicit values first, then <paramref name="session"/>, then <paramref name="environment"/>.
    /// Throws <see cref="FourOImageException"/> when no source has a key, and an
    /// <see cref="ArgumentException"/> naming the setting when a URL is not an absolute http(s) URL.
    /// </summary>
    public static ClientOptions Resolve(
        ApiKey? apiKey,
        Uri? baseUrl,
        Uri? uploadBaseUrl,
        ClientOptions? session,
        Func<string, string?> environment)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        var options = session ?? new ClientOptions();

        var key = apiKey ?? session?.ApiKey ?? KeyFromEnvironment(environment);
        if (key is null)
        {
            throw new ApiKeyMissingException();
        }

        options = options.WithApiKey(key);

        if (baseUrl is not null)
        {
            options = options.WithBaseUrl(baseUrl);
        }
        else if (session is null && environment(BaseUrlVariable) is { Length: > 0 } envBase)
        {
            options = options.WithBaseUrl(UrlSetting.Parse(envBase, BaseUrlVariable));
        }

        if (uploadBaseUrl is not null)
        {
            options = options.WithUploadBaseUrl(uploadBaseUrl);
        }
        else if (session is null && environment(UploadBaseUrlVariable) is { Length: > 0 } envUpload)
        {
            options = options.WithUploadBaseUrl(UrlSetting.Parse(envUpload, UploadBaseUrlVariable));
        }

        if (session is null && environment(ProxyVariable) is { } envProxy && !string.IsNullOrWhiteSpace(envProxy))
        {
            var proxy = ProxySetting.Parse(envProxy, ProxyVariable);
            options = options.WithProxy(proxy.Address, proxy.Credential);
        }

        return options;
    }

    private static ApiKey? KeyFromEnvironment(Func<string, string?> environment)
    {
        var value = environment(ApiKeyVariable);
        return string.IsNullOrWhiteSpace(value) ? null : ApiKey.FromString(value!);
    }
}
