using System;
using System.Globalization;

namespace FourOImage.Core;

/// <summary>
/// Decides what an HTTP answer means. Success only when HTTP is 2xx, the body is the JSON envelope and its code is 200;
/// everything else becomes a <see cref="CallFailure"/> saying whether another attempt is safe.
/// </summary>
internal static class ResponseClassifier
{
    public static CallFailure? Classify(ApiCall call, int httpStatus, byte[] body, string? mediaType, TimeSpan? retryAfter, ApiEnvelope? envelope)
    {
        var is2xx = httpStatus >= 200 && httpStatus < 300;
        if (is2xx && envelope?.Code == 200 && envelope.Success != false)
        {
            return null;
        }

        if (envelope is { Success: false } && envelope.Code is null or 200)
        {
            return Refusal(httpStatus, envelope, retryAfter);
        }

        if (envelope?.Code is { } code && code != 200)
        {
            return FromBodyCode(call, code, httpStatus, envelope.Message, retryAfter);
        }

        var bodyText = DescribeBody(body, mediaType, envelope);
        var summary = $"HTTP {httpStatus} with {bodyText}";
        if (httpStatus == 403 && envelope is null)
        {
            return EdgeRefusal(body, bodyText, summary);
        }

        if (is2xx)
        {
            // A 2xx that is not the envelope: a proxy or captive portal answered, or the service changed shape.
            return new CallFailure
            {
                Kind = ApiErrorKind.InvalidResponse,
                HttpStatus = httpStatus,
                Summary = summary,
                Description = $"the answer was {summary}, not the service's JSON envelope",
                Retry = !call.CreatesTask,
                TaskMayExist = call.CreatesTask,
                RetryAfter = retryAfter,
            };
        }

        var transient = httpStatus == 408 || (httpStatus >= 500 && httpStatus != 501 && httpStatus != 505);
        return new CallFailure
        {
            Kind = KindOf(httpStatus, fromHttp: true),
            HttpStatus = httpStatus,
            Code = envelope?.Code,
            ServiceMessage = envelope?.Message,
            Summary = summary,
            Description = $"the answer was {summary}",

            // An edge 429 rejects the request before the service sees it, so even generate may repeat it.
            Retry = httpStatus == 429 || (transient && !call.CreatesTask),
            TaskMayExist = transient && call.CreatesTask,
            RetryAfter = retryAfter,
        };
    }

    private static CallFailure FromBodyCode(ApiCall call, int code, int httpStatus, string? message, TimeSpan? retryAfter)
    {
        if (code != 402 && CreditsMessage.IsAboutCredits(message))
        {
            // Refused for want of credits, whatever the code says: nothing was created, and waiting will not help.
            return new CallFailure
            {
                Kind = ApiErrorKind.InsufficientCredits,
                Code = code,
                HttpStatus = httpStatus,
                ServiceMessage = message,
                Summary = string.Format(CultureInfo.InvariantCulture, "HTTP {0} code {1} (insufficient credits)", httpStatus, code),
                Description = $"the service answered code {code} with a message about credits (insufficient credits)",
                RetryAfter = retryAfter,
            };
        }

        // 429, 455 and 550 reject the request before a task exists; a 500 may come after the task was created.
        var rejectedBeforeWork = code == 429 || code == 455 || code == 550;
        var serverError = code == 500;
        var meaning = Meaning(code);
        return new CallFailure
        {
            Kind = KindOf(code, fromHttp: false),
            Code = code,
            HttpStatus = httpStatus,
            ServiceMessage = message,
            Summary = string.Format(CultureInfo.InvariantCulture, "HTTP {0} code {1}", httpStatus, code),
            Description = meaning is null
                ? $"the service answered code {code}"
                : $"the service answered code {code} ({meaning})",
            Retry = rejectedBeforeWork || (serverError && !call.CreatesTask),
            TaskMayExist = serverError && call.CreatesTask,
            RetryAfter = retryAfter,
        };
    }

    // The upload service says success:false with code 200 (or none) and its reason in msg: a refusal, not a success.
    private static CallFailure Refusal(int httpStatus, ApiEnvelope envelope, TimeSpan? retryAfter) => new()
    {
        Kind = ApiErrorKind.Refused,
        Code = envelope.Code,
        HttpStatus = httpStatus,
        ServiceMessage = envelope.Message,
        Summary = string.Format(CultureInfo.InvariantCulture, "HTTP {0} success false", httpStatus),
        Description = "the service refused the request (success: false)",
        RetryAfter = retryAfter,
    };

    // The service answers a bad key inside its JSON envelope; a 403 page or text ("error code: 1010") comes from the
    // firewall in front of it, which refused the request before the API saw it.
    private static CallFailure EdgeRefusal(byte[] body, string bodyText, string summary)
    {
        var shown = bodyText == "a body that is not JSON" && TextExcerpt(body) is { } text ? $"the text '{text}'" : bodyText;
        return new CallFailure
        {
            Kind = ApiErrorKind.EdgeRefused,
            HttpStatus = 403,
            Summary = summary,
            Description = $"the firewall in front of the service refused the request (HTTP 403 with {shown}) before it reached the API",
        };
    }

    /// <summary>A short body as one line of text (at most 80 characters), or null when it is not plain text.</summary>
    private static string? TextExcerpt(byte[] body)
    {
        if (body.Length > 4096)
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(body);
        var line = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        foreach (var c in line)
        {
            if (char.IsControl(c) || c == '\uFFFD')
            {
                return null;
            }
        }

        return line.Length <= 80 ? line : line.Substring(0, 77) + "...";
    }

    public static string DescribeBody(byte[] body, string? mediaType, ApiEnvelope? envelope)
    {
        if (IsBlank(body))
        {
            return "an empty body";
        }

        if (envelope is not null)
        {
            return "a JSON body";
        }

        if ((mediaType?.IndexOf("html", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0 || FirstNonBlank(body) == (byte)'<')
        {
            return "an HTML body";
        }

        return "a body that is not JSON";
    }

    public static ApiErrorKind KindOf(int code, bool fromHttp) => code switch
    {
        400 => ApiErrorKind.BadRequest,
        401 or 403 => ApiErrorKind.Unauthorized,
        402 => ApiErrorKind.InsufficientCredits,
        404 => ApiErrorKind.NotFound,
        422 => ApiErrorKind.ValidationFailed,
        429 => ApiErrorKind.RateLimited,
        451 => ApiErrorKind.InputImageUnreachable,
        455 => ApiErrorKind.Maintenance,
        500 => ApiErrorKind.ServerError,
        505 when !fromHttp => ApiErrorKind.FeatureDisabled,
        550 when !fromHttp => ApiErrorKind.QueueFull,
        408 when fromHttp => ApiErrorKind.Timeout,
        >= 500 and < 600 when fromHttp => ApiErrorKind.ServerError,
        _ => ApiErrorKind.Unknown,
    };

    public static string? Meaning(int code) => code switch
    {
        400 => "malformed request or content policy",
        401 => "missing or invalid API key",
        402 => "insufficient credits",
        404 => "not found",
        422 => "validation error",
        429 => "rate limited",
        451 => "an input image could not be fetched",
        455 => "service under maintenance",
        500 => "server error",
        505 => "feature disabled",
        550 => "queue full, task rejected",
        _ => null,
    };

    private static bool IsBlank(byte[] body) => FirstNonBlank(body) is null;

    private static byte? FirstNonBlank(byte[] body)
    {
        for (var i = ApiEnvelope.ByteOrderMarkLength(body); i < body.Length; i++)
        {
            var b = body[i];
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
            {
                return b;
            }
        }

        return null;
    }
}
