using System;

namespace FourOImage.Core;

/// <summary>
/// Bounds for retrying transient failures (429, 455, 500, 550, HTTP 5xx, network faults).
/// Delays grow exponentially from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, with jitter;
/// a Retry-After from the service is honoured as long as it fits in <see cref="MaxTotalTime"/>.
/// </summary>
public sealed class RetryOptions
{
    public RetryOptions(
        int maxAttempts = 5,
        TimeSpan? maxTotalTime = null,
        TimeSpan? baseDelay = null,
        TimeSpan? maxDelay = null)
    {
        if (maxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "MaxAttempts must be at least 1 (1 = no retries).");
        }

        MaxAttempts = maxAttempts;
        MaxTotalTime = NonNegative(maxTotalTime ?? TimeSpan.FromMinutes(2), nameof(maxTotalTime));
        BaseDelay = NonNegative(baseDelay ?? TimeSpan.FromSeconds(1), nameof(baseDelay));
        MaxDelay = NonNegative(maxDelay ?? TimeSpan.FromSeconds(30), nameof(maxDelay));
        if (MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), MaxDelay, "MaxDelay must not be less than BaseDelay.");
        }
    }

    public static RetryOptions Default { get; } = new();

    /// <summary>One attempt, no retries.</summary>
    public static RetryOptions None { get; } = new(maxAttempts: 1);

    /// <summary>Total attempts, the first one included.</summary>
    public int MaxAttempts { get; }

    /// <summary>No retry starts once this much time has passed since the first attempt.</summary>
    public TimeSpan MaxTotalTime { get; }

    public TimeSpan BaseDelay { get; }

    /// <summary>Ceiling of the computed backoff (a Retry-After from the service may ask for longer).</summary>
    public TimeSpan MaxDelay { get; }

    public override string ToString() =>
        $"MaxAttempts={MaxAttempts}, MaxTotalTime={MaxTotalTime}, BaseDelay={BaseDelay}, MaxDelay={MaxDelay}";

    private static TimeSpan NonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
}
