using System;
using System.Globalization;

namespace FourOImage.Core.Downloads;

/// <summary>
/// The download limits from the environment, for a slow link or a test: FOUROIMAGE_DOWNLOAD_MAX_BYTES,
/// FOUROIMAGE_DOWNLOAD_LOW_SPEED_LIMIT (bytes per second, 0 turns the rule off), FOUROIMAGE_DOWNLOAD_LOW_SPEED_TIME and
/// FOUROIMAGE_DOWNLOAD_DEADLINE (seconds). Unset ones keep <see cref="SaveOptions"/>' defaults.
/// </summary>
public static class DownloadLimitSettings
{
    public const string MaxBytesVariable = "FOUROIMAGE_DOWNLOAD_MAX_BYTES";
    public const string LowSpeedLimitVariable = "FOUROIMAGE_DOWNLOAD_LOW_SPEED_LIMIT";
    public const string LowSpeedTimeVariable = "FOUROIMAGE_DOWNLOAD_LOW_SPEED_TIME";
    public const string DeadlineVariable = "FOUROIMAGE_DOWNLOAD_DEADLINE";

    /// <summary>Sets the limits the environment gives; an <see cref="ArgumentException"/> names a variable that is not a number.</summary>
    public static void Apply(SaveOptions options, Func<string, string?> environment)
    {
        if (options is null || environment is null)
        {
            throw new ArgumentNullException(options is null ? nameof(options) : nameof(environment));
        }

        if (Number(environment, MaxBytesVariable, 1, long.MaxValue) is { } maxBytes)
        {
            options.MaxImageBytes = (long)maxBytes;
        }

        if (Number(environment, LowSpeedLimitVariable, 0, long.MaxValue) is { } limit)
        {
            options.LowSpeedLimit = (long)limit;
        }

        if (Number(environment, LowSpeedTimeVariable, 0.001, 86400) is { } time)
        {
            options.LowSpeedTime = TimeSpan.FromSeconds(time);
        }

        if (Number(environment, DeadlineVariable, 0.001, 86400) is { } deadline)
        {
            options.ImageDeadline = TimeSpan.FromSeconds(deadline);
        }
    }

    private static double? Number(Func<string, string?> environment, string variable, double min, double max)
    {
        var text = environment(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException($"{variable} '{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.", variable);
        }

        return value;
    }
}
