using System;
using System.Net.Http;

namespace FourOImage.Core;

/// <summary>Exponential backoff with jitter, and the service's Retry-After.</summary>
internal static class RetryDelay
{
    private static readonly Random Shared = new();

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

    /// <summary>Retry-After as seconds or as an HTTP date; null when absent or already past.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta && delta > TimeSpan.Zero)
        {
            return delta;
        }

        if (header?.Date is { } date && date > now)
        {
            return date - now;
        }

        return null;
    }
}
