using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Submission;

namespace FourOImage.Core;

/// <summary>
/// Sends one generate request through the account's submission window: each request waits for a slot; a refusal that
/// creates no task (429 from the window, 550 queue full, 455 maintenance) pauses the account and is sent again, without
/// counting as a failed attempt, for as long as the row's time allows; other transient failures are retried within
/// <see cref="RetryOptions"/> only where no task can exist.
/// </summary>
internal static class GenerateSubmission
{
    public static async Task<ApiEnvelope> SendAsync(ApiTransport transport, ApiCall call, GenerateHooks? hooks, CancellationToken ct)
    {
        var options = transport.Options;
        var limiter = SubmissionLimiter.For(options);
        var rowTime = hooks?.RowTime ?? GenerateHooks.DefaultRowTime;
        RetryPolicy? retry = null; // from the first send: the row's time and the retries' budget
        var sent = 0;
        while (true)
        {
            hooks?.Queued?.Invoke();
            var slot = await limiter.AcquireAsync(options.SubmissionLimit, options.SubmissionWindow, OutHorizon(options), transport.Log, hooks?.SlotWait, ct, hooks?.Warning).ConfigureAwait(false);
            try
            {
                ct.ThrowIfCancellationRequested();
                hooks?.BeforeSend?.Invoke();
            }
            catch
            {
                slot.Unused();
                throw;
            }

            retry ??= transport.NewRetry();
            sent++;
            (ApiEnvelope? Envelope, CallFailure? Failure) answer;
            try
            {
                answer = await transport.SendOnceAsync(call, hooks?.SendCancellation ?? ct).ConfigureAwait(false);
            }
            finally
            {
                slot.Sent();
            }

            if (answer.Failure is not { } failure)
            {
                return answer.Envelope!;
            }

            if (PauseAfter(failure, options.SubmissionWindow) is { } pause)
            {
                if (rowTime != Timeout.InfiniteTimeSpan && retry.Elapsed + pause > rowTime)
                {
                    transport.Log($"{call.Method} {call.Display} → {failure.Summary}; the row's time ({SubmissionEstimate.Format(rowTime)}) has run out");
                    throw transport.Fail(call, failure.WithDescription(
                        $"{failure.Description}, and the row's time ({SubmissionEstimate.Format(rowTime)}) ran out before it could be sent again; no task was created"), sent);
                }

                limiter.Pause(pause);
                transport.Log(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} {1} → {2}: no task was created; waiting {3:0.0} s {4}, then sending it again (not counted as a failed attempt)",
                    call.Method,
                    call.Display,
                    failure.Summary,
                    pause.TotalSeconds,
                    failure.Kind == ApiErrorKind.RateLimited ? "for the submission window" : "(" + ResponseClassifier.Meaning(failure.Code ?? 0) + ")"));
                hooks?.Deferred?.Invoke($"{failure.Description}; no task was created, so it is sent again after {pause.TotalSeconds:0.#} s.");
                continue;
            }

            var delay = transport.NextRetry(call, failure, retry) ?? throw transport.Fail(call, failure, sent);
            if (!failure.TaskMayExist)
            {
                hooks?.Deferred?.Invoke($"{failure.Description}; nothing was created, so it is sent again after {delay.TotalSeconds:0.#} s.");
            }

            await retry.WaitAsync(delay, ct).ConfigureAwait(false);
        }
    }

    // A call still out counts against the window until its answer, or at most its request timeout and a window.
    internal static TimeSpan OutHorizon(ClientOptions options) =>
        options.RequestTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromHours(1) : options.RequestTimeout + options.SubmissionWindow + SubmissionLimiter.Margin;

    /// <summary>
    /// How long the account waits after a refusal that creates no task: a full window after a 429 (the window is full),
    /// three after 550 (queue full), six after 455 (maintenance), or the Retry-After when longer (up to
    /// <see cref="SubmissionLimiter.LongestPause"/>). Null for other failures.
    /// </summary>
    private static TimeSpan? PauseAfter(CallFailure failure, TimeSpan window)
    {
        if (!failure.Retry || failure.TaskMayExist)
        {
            return null;
        }

        var windows = failure.Kind switch
        {
            ApiErrorKind.RateLimited => 1,
            ApiErrorKind.QueueFull => 3,
            ApiErrorKind.Maintenance => 6,
            _ => 0,
        };
        if (windows == 0)
        {
            return null;
        }

        var pause = TimeSpan.FromTicks((window.Ticks * windows) + SubmissionLimiter.Margin.Ticks);
        var longest = SubmissionLimiter.LongestPause(window);
        return failure.RetryAfter is { } asked && asked > pause ? (asked < longest ? asked : longest) : pause;
    }
}
