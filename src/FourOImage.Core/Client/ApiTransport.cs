using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Timing;

namespace FourOImage.Core;

/// <summary>
/// Sends API calls: adds the key only for the API and upload hosts, applies the per-request timeout,
/// classifies the answer and retries what is safe to retry, within <see cref="RetryOptions"/>.
/// </summary>
internal sealed class ApiTransport
{
    private readonly SharedHttpClient _shared;
    private readonly HttpClient _http;
    private readonly ClientOptions _options;
    private readonly ApiKey _key;
    private readonly Redaction _redaction;

    public ApiTransport(SharedHttpClient shared, ClientOptions options, ApiKey key)
    {
        _shared = shared;
        _http = shared.Client;
        _options = options;
        _key = key;
        _redaction = new Redaction(key);
    }

    public Action<string>? Diagnostics { get; set; }

    public SharedHttpClient Shared => _shared;

    /// <summary>Masks the key and URL credentials in any text about this transport's calls.</summary>
    public Redaction Redaction => _redaction;

    public ClientOptions Options => _options;

    /// <summary>The time retries wait and requests time out on (<see cref="ClientOptions.Clock"/>).</summary>
    public Clock Clock => _options.Clock;

    public async Task<ApiEnvelope> SendAsync(ApiCall call, CancellationToken ct)
    {
        var retry = NewRetry();
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var (envelope, failure) = await SendOnceAsync(call, ct).ConfigureAwait(false);
            if (failure is null)
            {
                return envelope!;
            }

            var delay = NextRetry(call, failure, retry) ?? throw Fail(call, failure, attempt);
            await retry.WaitAsync(delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The retry policy of one call, its time budget starting now.</summary>
    internal RetryPolicy NewRetry() => new(_options.Retry, Clock);

    /// <summary>
    /// After a failed attempt: how long to wait before the next one, by <paramref name="retry"/> (which counts it);
    /// null (and a "giving up" line) when the failure is never retried or no retry is left.
    /// </summary>
    internal TimeSpan? NextRetry(ApiCall call, CallFailure failure, RetryPolicy retry)
    {
        if (!failure.Retry)
        {
            Log($"{call.Method} {call.Display} → {failure.Summary}");
            return null;
        }

        if (retry.Failed() && retry.Delay(backoff: true, failure.Kind == ApiErrorKind.Maintenance, failure.RetryAfter) is { } delay)
        {
            Log(string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} → {2}; retry {3}/{4} in {5:0.0} s",
                call.Method,
                call.Display,
                failure.Summary,
                retry.Failures,
                retry.MaxRetries,
                delay.TotalSeconds));
            return delay;
        }

        Log($"{call.Method} {call.Display} → {failure.Summary}; giving up after {retry.Failures} attempt(s)");
        return null;
    }

    /// <summary>The exception for a call that failed for good after <paramref name="attempts"/> requests; never holds the key.</summary>
    internal FourOImageApiException Fail(ApiCall call, CallFailure failure, int attempts) =>
        ApiErrorText.ToException(call, failure, attempts, _redaction, _options);

    /// <summary>
    /// GET a result image, answer headers only (the caller streams the body and disposes the response).
    /// The key goes along only when the URL is on the API host itself. Any HTTP status is returned as is.
    /// </summary>
    public async Task<HttpResponseMessage> GetImageAsync(Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        if (UrlSetting.SameOrigin(url, _options.BaseUrl))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.Reveal());
        }

        // Only for naming the call in errors; an image GET is never retried here, the downloader decides.
        var call = new ApiCall("image", HttpMethod.Get, () => request, subject: url.GetLeftPart(UriPartial.Path));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Clock.CancelAfter(timeout, _options.RequestTimeout);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            Log($"GET {call.Display} → HTTP {(int)response.StatusCode}");
            if ((int)response.StatusCode == ProxyRefusal.HttpStatus)
            {
                response.Dispose();
                throw ApiErrorText.ToException(call, ProxyRefusal.Failure(_options, null), 1, _redaction, _options);
            }

            return response;
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("The call was cancelled.", e, ct);
        }
        catch (Exception e) when (Fault(call, url, e, ct) is { } failure)
        {
            Log($"GET {call.Display} → {failure.Summary}");
            throw ApiErrorText.ToException(call, failure, 1, _redaction, _options);
        }
    }

    /// <summary>One request: the envelope, or why it failed. Throws only on cancellation by <paramref name="ct"/>.</summary>
    internal async Task<(ApiEnvelope? Envelope, CallFailure? Failure)> SendOnceAsync(ApiCall call, CancellationToken ct)
    {
        using var request = call.CreateRequest();
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        if (UrlSetting.SameOrigin(request.RequestUri!, _options.BaseUrl) || UrlSetting.SameOrigin(request.RequestUri!, _options.UploadBaseUrl))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.Reveal());
        }

        ProxyPreemption.Apply(request, _options, _shared.Handler.Proxy);
        var sentTo = request.RequestUri!;
        call.BeforeSend?.Invoke();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Clock.CancelAfter(timeout, _options.RequestTimeout);
        var started = Clock.Elapsed;
        try
        {
            // ResponseContentRead: the timeout covers reading the (small) JSON body too.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if ((int)response.StatusCode == ProxyRefusal.HttpStatus)
            {
                return (null, ProxyRefusal.Failure(_options, null));
            }

            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var envelope = ApiEnvelope.TryParse(body);
            var failure = ResponseClassifier.Classify(
                call,
                (int)response.StatusCode,
                body,
                response.Content.Headers.ContentType?.MediaType,
                RetryDelay.RetryAfter(response, Clock.UtcNow),
                envelope);
            if (failure is not null && RedirectTarget(sentTo, response) is { } redirectedTo)
            {
                failure = Redirected(failure, redirectedTo);
            }

            if (failure is null)
            {
                Log($"{call.Method} {call.Display} → HTTP {(int)response.StatusCode} code 200 ({Milliseconds(Clock.Elapsed - started)})");
            }

            return (envelope, failure);
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            // Some handlers (.NET Framework) surface a cancelled request as a network error.
            throw new OperationCanceledException("The call was cancelled.", e, ct);
        }
        catch (Exception e) when (Fault(call, request.RequestUri!, e, ct) is { } failure)
        {
            return (null, failure);
        }
    }

    /// <summary>
    /// Where the service sent the call instead: the address a redirect was followed to (the handler drops the key on
    /// the way), or the Location of a redirect not followed (https to http); null when the answer came from where it was sent.
    /// </summary>
    private static Uri? RedirectTarget(Uri sentTo, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 300 && status < 400 && response.Headers.Location is { } location)
        {
            return location.IsAbsoluteUri ? location : new Uri(sentTo, location);
        }

        var answeredBy = response.RequestMessage?.RequestUri;
        return answeredBy is not null && answeredBy != sentTo ? answeredBy : null;
    }

    // Whatever the answer after a redirect, it is not about the key, which never goes along one.
    private static CallFailure Redirected(CallFailure failure, Uri target) => new()
    {
        Kind = ApiErrorKind.Redirected,
        Code = failure.Code,
        HttpStatus = failure.HttpStatus,
        ServiceMessage = failure.ServiceMessage,
        Summary = $"redirected to {Redaction.MaskUserInfo(target.GetLeftPart(UriPartial.Path))}; {failure.Summary}",
        Description = $"the service redirected the call to {Redaction.MaskUserInfo(target.GetLeftPart(UriPartial.Path))}, where it "
            + $"was answered without the API key (a redirect never carries it): {failure.Summary}",
        Retry = false,
        TaskMayExist = failure.TaskMayExist,
        Inner = failure.Inner,
    };

    /// <summary>A timeout or network fault as a failure; null (rethrow) for the caller's own cancellation and for bugs.</summary>
    private CallFailure? Fault(ApiCall call, Uri target, Exception e, CancellationToken ct)
    {
        if (e is OperationCanceledException)
        {
            if (ct.IsCancellationRequested)
            {
                return null;
            }

            var seconds = _options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new CallFailure
            {
                Kind = ApiErrorKind.Timeout,
                Summary = $"no answer within {seconds} s",
                Description = $"no answer within the request timeout of {seconds} s",
                Retry = !call.CreatesTask,
                TaskMayExist = call.CreatesTask,
                Inner = e,
            };
        }

        if (ProxyRefusal.IsRefusal(e))
        {
            return ProxyRefusal.Failure(_options, e);
        }

        if (Find<RepeatedSendException>(e) is { } resend)
        {
            return new CallFailure
            {
                Kind = ApiErrorKind.NetworkError,
                Summary = "connection failed after sending; not sent again",
                Description = "the connection failed after the request was sent, and it was not sent a second time",
                TaskMayExist = call.CreatesTask,
                Inner = resend,
            };
        }

        if (e is HttpRequestException || e is IOException)
        {
            var nothingSent = NetworkFault.NothingSent(e);
            var what = _redaction.Apply(NetworkFault.Describe(e));
            return new CallFailure
            {
                Kind = ApiErrorKind.NetworkError,
                Summary = nothingSent ? $"not sent ({what})" : $"network fault ({what})",
                Description = nothingSent
                    ? $"could not connect to {target.GetLeftPart(UriPartial.Authority)} ({what}); the request was not sent"
                    : $"the connection failed before an answer arrived ({what})",
                Retry = nothingSent || !call.CreatesTask,
                TaskMayExist = !nothingSent && call.CreatesTask,
                Inner = e,
            };
        }

        return null;
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    internal void Log(string line) => Diagnostics?.Invoke(_redaction.Apply(line)!);

    private static string Milliseconds(TimeSpan span) =>
        ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
}
