using System;
using System.Globalization;

namespace FourOImage.Core.Pipeline;

/// <summary>How progress bars write times, sizes and fractions: short, the same everywhere, never a made-up number.</summary>
public static class ProgressText
{
    /// <summary>"0:07", "12:34", "1:02:03".</summary>
    public static string Elapsed(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return elapsed.TotalHours >= 1
            ? ((int)elapsed.TotalHours).ToString(CultureInfo.InvariantCulture) + elapsed.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture)
            : ((int)elapsed.TotalMinutes).ToString(CultureInfo.InvariantCulture) + elapsed.ToString(@"\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>"830 B", "42 KB", "1.4 MB", "2.1 GB" (1024-based, one decimal from MB up).</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        if (bytes < 1024 * 1024)
        {
            return (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
        }

        double megabytes = bytes / (1024.0 * 1024.0);
        return megabytes < 1024
            ? megabytes.ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : (megabytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " GB";
    }

    /// <summary>
    /// 0 to 100 for <paramref name="done"/> of <paramref name="total"/>; 0 when nothing is known yet. Never -1: the
    /// console's Minimal view draws -1 as a full bar. Below 100 until everything is done.
    /// </summary>
    public static int Percent(double done, double total)
    {
        if (total <= 0 || done <= 0)
        {
            return 0;
        }

        if (done >= total)
        {
            return 100;
        }

        return Math.Min(99, (int)(done * 100 / total));
    }
}
