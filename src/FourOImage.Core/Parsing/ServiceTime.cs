using System;
using System.Globalization;
using System.Text.Json;

namespace FourOImage.Core;

/// <summary>
/// The service's timestamps: epoch milliseconds (live) or "yyyy-MM-dd HH:mm:ss" in UTC+8 (the vendor's prose
/// and sibling APIs). Both become UTC <see cref="DateTimeOffset"/>s.
/// </summary>
internal static class ServiceTime
{
    private static readonly TimeSpan ServiceOffset = TimeSpan.FromHours(8);

    // Anything below this is too small to be milliseconds since 1970 for a date after 1973, so it is seconds.
    private const long SmallestMilliseconds = 100_000_000_000L;

    public static DateTimeOffset? Parse(JsonElement? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.TryGetInt64(out var n) ? FromEpoch(n) : v.TryGetDouble(out var d) ? FromEpoch((long)d) : null;
        }

        return v.ValueKind == JsonValueKind.String ? Parse(v.GetString()) : null;
    }

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text!.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return FromEpoch(epoch);
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, ServiceOffset).ToUniversalTime();
        }

        // ISO 8601 with its own offset or Z (the upload service's uploadedAt).
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso.ToUniversalTime();
        }

        return null;
    }

    private static DateTimeOffset? FromEpoch(long value)
    {
        try
        {
            return value >= SmallestMilliseconds || value <= -SmallestMilliseconds
                ? DateTimeOffset.FromUnixTimeMilliseconds(value)
                : DateTimeOffset.FromUnixTimeSeconds(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
