using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

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

    /// <summary>Waits until the load average is at most <paramref name="limit"/>, or <paramref name="patience"/> has passed; says so on the console.</summary>
    public static async Task WaitAtMostAsync(double limit, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        var said = false;
        while (Read() is { } load && load > limit && waited.Elapsed < patience)
        {
            if (!said)
            {
                Console.WriteLine($"  load average {load:0.0} > {limit:0.0}: waiting (at most {patience.TotalMinutes:0} min) ...");
                said = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        if (said)
        {
            Console.WriteLine($"  load average {Read():0.0} after {waited.Elapsed.TotalSeconds:0} s.");
        }
    }
}
