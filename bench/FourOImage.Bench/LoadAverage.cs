using System;
using System.Globalization;
using System.IO;

namespace FourOImage.Bench;

/// <summary>The 1-minute load average (Linux /proc/loadavg): how busy the machine was with other work.</summary>
internal static class LoadAverage
{
    public static double? Read()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
