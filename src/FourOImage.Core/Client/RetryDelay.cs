using System;
using System.Net.Http;

namespace FourOImage.Core;

/// <summary>The service's Retry-After, as a delay from now.</summary>
internal static class RetryDelay
{
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
