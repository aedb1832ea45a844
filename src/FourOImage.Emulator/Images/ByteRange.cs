using System;
using System.Globalization;

namespace FourOImage.Emulator.Images;

/// <summary>One range of a <c>Range: bytes=...</c> header, resolved against the body length, as S3 and R2 serve it.</summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>
    /// Null when the header is absent, malformed or asks for several ranges (the whole body is sent then);
    /// <paramref name="unsatisfiable"/> when it starts beyond the body (416).
    /// </summary>
    public static ByteRange? Parse(string? header, long bodyLength, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
        {
            return null;
        }

        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // bytes=-N: the last N bytes
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            if (suffix == 0)
            {
                unsatisfiable = true;
                return null;
            }

            var length = Math.Min(suffix, bodyLength);
            return new ByteRange(bodyLength - length, length);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        if (start >= bodyLength)
        {
            unsatisfiable = true;
            return null;
        }

        var end = bodyLength - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }

            end = Math.Min(end, bodyLength - 1);
        }

        return new ByteRange(start, end - start + 1);
    }
}
