using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Timing;

namespace FourOImage.Core;

/// <summary>
/// The contract's retry policy for one call, in one place for the transport, generate and the downloader: at most
/// <see cref="RetryOptions.MaxAttempts"/> attempts within <see cref="RetryOptions.MaxTotalTime"/> from the first,
/// exponential backoff with jitter (slower after 455 maintenance), the service's Retry-After when longer, on the
/// injected clock. Whether a failure may be retried at all (never a 4xx refusal, never a generate that may have
/// made a task) is the caller's classification; a failure not retried never reaches this.
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly Random Shared = new();
    private readonly RetryOptions _options;
    private readonly Clock _clock;
    private readonly TimeSpan _started;

    /// <summary>Starts the call's time budget now.</summary>
    public RetryPolicy(RetryOptions options, Clock clock)
    {
        _options = options;
        _clock = clock;
        _started = clock.Elapsed;
    }

    /// <summary>Time since the policy started (the call's first attempt).</summary>
    public TimeSpan Elapsed => _clock.Elapsed - _started;

    /// <summary>Failed attempts so far.</summary>
    public int Failures { get; private set; }

    /// <summary>Retries the options allow after the first attempt.</summary>
    public int MaxRetries => _options.MaxAttempts - 1;

    /// <summary>Counts a failed attempt; true while the number of attempts allows another.</summary>
    public bool Failed()
    {
        Failures++;
        return Failures < _options.MaxAttempts;
    }

    /// <summary>
    /// How long to wait before the next attempt: the backoff after the failures so far (none when
    /// <paramref name="backoff"/> is false, for a next attempt that goes another way), or <paramref name="retryAfter"/>
    /// when longer; null when the next attempt would start past the total time.
    /// </summary>
    public TimeSpan? Delay(bool backoff, bool maintenance = false, TimeSpan? retryAfter = null)
    {
        var delay = backoff ? Backoff(_options, Math.Max(Failures, 1), maintenance) : TimeSpan.Zero;
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return Elapsed + delay <= _options.MaxTotalTime ? delay : null;
    }

    /// <summary>Sleeps <paramref name="delay"/> on the clock (at once for none).</summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? _clock.Delay(delay, cancellationToken) : Task.CompletedTask;

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based): BaseDelay·2^(retry-1), capped, then 50–100 % of it.</summary>
    public static TimeSpan Backoff(RetryOptions options, int retry, bool maintenance)
    {
        // Maintenance (455) lasts minutes, not seconds: start four times slower.
        var first = options.BaseDelay.Ticks * (maintenance ? 4.0 : 1.0);
        var exponential = first * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, options.MaxDelay.Ticks);
        double jitter;
        lock (Shared)
        {
            jitter = 0.5 + (0.5 * Shared.NextDouble());
        }

        return TimeSpan.FromTicks((long)(capped * jitter));
    }
}
