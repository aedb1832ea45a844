using System;

namespace FourOImage.Core;

/// <summary>
/// Works out the options for a call: an explicit value wins over the session (Connect-4oImage, see
/// <see cref="SessionConnections"/>), which wins over the environment (FOUROIMAGE_API_KEY, FOUROIMAGE_BASE_URL,
/// FOUROIMAGE_UPLOAD_BASE_URL, FOUROIMAGE_PROXY, FOUROIMAGE_SUBMISSION_LIMIT, FOUROIMAGE_NEW_TASK_GRACE).
/// </summary>
public static class ClientConfiguration
{
    public const string ApiKeyVariable = "FOUROIMAGE_API_KEY";
    public const string BaseUrlVariable = "FOUROIMAGE_BASE_URL";
    public const string UploadBaseUrlVariable = "FOUROIMAGE_UPLOAD_BASE_URL";

    /// <summary>The account's submission limit: new tasks per 10 seconds (see <see cref="ClientOptions.SubmissionLimit"/>).</summary>
    public const string SubmissionLimitVariable = "FOUROIMAGE_SUBMISSION_LIMIT";

    /// <summary>Seconds a task just created may stay invisible to record-info before it counts as not found.</summary>
    public const string NewTaskGraceVariable = "FOUROIMAGE_NEW_TASK_GRACE";

    /// <summary>
    /// The emulator's submission window in seconds (its option --submission-window). For tests only: the module reads it
    /// too, so a test that sets it for the emulator it starts gets pacing to the same short window, in seconds instead
    /// of the service's 10. The real service's window is 10 s, so a user never sets it.
    /// </summary>
    public const string EmulatorSubmissionWindowVariable = "FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW";

    /// <summary>The proxy, with its credential as user info if it needs one: http://user:password@proxy:8080/.</summary>
    public const string ProxyVariable = "FOUROIMAGE_PROXY";

    public const string MissingKeyMessage =
        "No API key for the 4o Image API in this runspace. Pass one with -ApiKey, connect with Connect-4oImage, "
        + "or set the FOUROIMAGE_API_KEY environment variable. A connection belongs to the runspace that made it: in "
        + "ForEach-Object -Parallel, Start-ThreadJob or Start-Job pass the key in with $using: (for example "
        + "Connect-4oImage -ApiKey $using:key), or connect once with Connect-4oImage -Scope Process to share it with "
        + "every runspace of this process.";

    /// <summary>
    /// Explicit values first, then <paramref name="session"/>, then <paramref name="environment"/>.
    /// Throws <see cref="FourOImageException"/> when no source has a key, and an
    /// <see cref="ArgumentException"/> naming the setting when a URL is not an absolute http(s) URL, and
    /// <see cref="UnencryptedAuthenticationException"/> when a URL is plain http:// to another machine and neither
    /// <paramref name="allowUnencryptedAuthentication"/> nor the session allows it.
    /// </summary>
    public static ClientOptions Resolve(
        ApiKey? apiKey,
        Uri? baseUrl,
        Uri? uploadBaseUrl,
        ClientOptions? session,
        Func<string, string?> environment,
        int? submissionLimit = null,
        bool allowUnencryptedAuthentication = false)
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

        var baseSetting = session is null ? "BaseUrl" : "BaseUrl (of Connect-4oImage)";
        if (baseUrl is not null)
        {
            options = options.WithBaseUrl(baseUrl);
            baseSetting = "BaseUrl";
        }
        else if (session is null && environment(BaseUrlVariable) is { Length: > 0 } envBase)
        {
            options = options.WithBaseUrl(UrlSetting.Parse(envBase, BaseUrlVariable));
            baseSetting = BaseUrlVariable;
        }

        var uploadSetting = session is null ? "UploadBaseUrl" : "UploadBaseUrl (of Connect-4oImage)";
        if (uploadBaseUrl is not null)
        {
            options = options.WithUploadBaseUrl(uploadBaseUrl);
            uploadSetting = "UploadBaseUrl";
        }
        else if (session is null && environment(UploadBaseUrlVariable) is { Length: > 0 } envUpload)
        {
            options = options.WithUploadBaseUrl(UrlSetting.Parse(envUpload, UploadBaseUrlVariable));
            uploadSetting = UploadBaseUrlVariable;
        }

        if (allowUnencryptedAuthentication)
        {
            options = options.WithAllowUnencryptedAuthentication(true);
        }

        if (session is null && environment(ProxyVariable) is { } envProxy && !string.IsNullOrWhiteSpace(envProxy))
        {
            var proxy = ProxySetting.Parse(envProxy, ProxyVariable);
            options = options.WithProxy(proxy.Address, proxy.Credential);
        }

        if (session is null && environment(SubmissionLimitVariable) is { Length: > 0 } envLimit)
        {
            options = options.WithSubmissionLimit(SubmissionLimitFrom(envLimit));
        }

        if (submissionLimit is int limit)
        {
            options = options.WithSubmissionLimit(limit);
        }

        if (session is null && environment(NewTaskGraceVariable) is { Length: > 0 } envGrace)
        {
            options = options.WithNewTaskGracePeriod(SecondsFrom(envGrace, NewTaskGraceVariable));
        }

        if (session is null && environment(EmulatorSubmissionWindowVariable) is { Length: > 0 } envWindow)
        {
            var window = SecondsFrom(envWindow, EmulatorSubmissionWindowVariable);
            if (window <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{EmulatorSubmissionWindowVariable} '{envWindow}' is not a positive number of seconds.", EmulatorSubmissionWindowVariable);
            }

            options = options.WithSubmissionWindow(window);
        }

        UnencryptedAuthentication.Check(options, baseSetting, uploadSetting);
        return options;
    }

    private static TimeSpan SecondsFrom(string text, string variable)
    {
        if (!double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || seconds < 0 || seconds > 3600)
        {
            throw new ArgumentException($"{variable} '{text}' is not a number of seconds (0 to 3600).", variable);
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static int SubmissionLimitFrom(string text)
    {
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            || limit > ClientOptions.MaxSubmissionLimit)
        {
            throw new ArgumentException(
                $"{SubmissionLimitVariable} '{text}' is not a number of new tasks per 10 seconds (0 to {ClientOptions.MaxSubmissionLimit}).",
                SubmissionLimitVariable);
        }

        return limit;
    }

    private static ApiKey? KeyFromEnvironment(Func<string, string?> environment)
    {
        var value = environment(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return ApiKey.FromString(value!);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"{ApiKeyVariable}: {error.Message}", error);
        }
    }
}
