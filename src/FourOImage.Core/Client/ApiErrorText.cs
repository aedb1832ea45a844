using System.Text;

namespace FourOImage.Core;

/// <summary>Builds the text of a <see cref="FourOImageApiException"/>. The key and URL credentials are masked in everything, service text included.</summary>
internal static class ApiErrorText
{
    public const string TaskMayExistAdvice =
        " The request may have reached the service, so a task may exist and may be charged; "
        + "check your credits or the service's task list before generating again.";

    public const string EdgeRefusedAdvice =
        "The API key was not checked. The firewall blocks some networks, proxies and clients: try again later, "
        + "from another network or without the proxy, and check the base URL.";

    public const string RedirectedAdvice =
        "The API key was not checked. Set the base URL (-BaseUrl, Connect-4oImage or FOUROIMAGE_BASE_URL) to the address "
        + "the service redirects to, with https://.";

    public static FourOImageApiException ToException(ApiCall call, CallFailure failure, int attempts, Redaction redaction, ClientOptions? options = null)
    {
        var serviceMessage = redaction.Apply(failure.ServiceMessage);
        var explained = call.Endpoint == "download-url" ? DownloadUrlRefusal.Explain(failure.Code, failure.ServiceMessage) : null;
        var hint = explained?.Advice ?? Hint(failure, options);
        var text = new StringBuilder();
        text.Append(call.Display).Append(" failed: ").Append(explained?.Description ?? failure.Description);
        if (!string.IsNullOrWhiteSpace(serviceMessage))
        {
            text.Append(": ").Append(serviceMessage!.Trim().TrimEnd('.'));
        }

        text.Append('.');
        if (hint is not null)
        {
            text.Append(' ').Append(hint);
        }

        if (attempts > 1)
        {
            text.Append(" Gave up after ").Append(attempts).Append(" attempts.");
        }

        if (failure.TaskMayExist)
        {
            text.Append(TaskMayExistAdvice);
        }

        return new FourOImageApiException(
            redaction.Apply(text.ToString())!,
            call.Endpoint,
            failure.Code,
            failure.HttpStatus,
            serviceMessage,
            failure.Retry,
            failure.TaskMayExist,
            failure.Inner)
        {
            TaskId = call.TaskId,
            Kind = failure.Kind,
            Attempts = attempts,
            Advice = explained?.Advice,
        };
    }

    /// <summary>
    /// What a 404 (HTTP, or the envelope's code) from one of the API's own paths means: the base URL is not the API's
    /// (an unknown task is 422 "record is null").
    /// </summary>
    public const string WrongBaseUrlAdvice =
        "Check -BaseUrl (or Connect-4oImage -BaseUrl, FOUROIMAGE_BASE_URL): it must be the API's host, such as "
        + "https://api.kie.ai/ or https://4oimageapiio.erweima.ai/, without a path.";

    private static string? Hint(CallFailure failure, ClientOptions? options) => failure.Kind switch
    {
        ApiErrorKind.NotFound => options is null
            ? WrongBaseUrlAdvice
            : $"Is {options.BaseUrl} the API's base URL? " + WrongBaseUrlAdvice,
        ApiErrorKind.ProxyAuthenticationRequired => ProxyRefusal.Advice(options?.ProxyCredential is not null),
        ApiErrorKind.Unauthorized => "Check the API key (-ApiKey, Connect-4oImage or FOUROIMAGE_API_KEY) and the base URL it belongs to.",
        ApiErrorKind.InsufficientCredits => "Top up the account's credits; Get-4oCredit shows the balance.",
        ApiErrorKind.EdgeRefused => EdgeRefusedAdvice,
        ApiErrorKind.Redirected => RedirectedAdvice,
        _ => null,
    };
}
