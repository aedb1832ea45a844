using System;
using System.Globalization;

namespace FourOImage.Core.Submission;

/// <summary>How long the submission window makes a batch take to send (for -WhatIf and progress).</summary>
public static class SubmissionEstimate
{
    /// <summary>
    /// The least time from sending the first of <paramref name="rows"/> rows to sending the last, at
    /// <paramref name="limit"/> new tasks per <paramref name="window"/>: row k cannot go before floor((k-1)/limit) windows.
    /// Zero when the pacing is off (limit 0).
    /// </summary>
    public static TimeSpan Duration(int rows, int limit, TimeSpan window)
    {
        if (rows <= 1 || limit <= 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks((window + SubmissionLimiter.Margin).Ticks * ((rows - 1) / limit));
    }

    /// <summary>"20 new tasks per 10 s", or "no limit" when the pacing is off.</summary>
    public static string DescribeLimit(int limit, TimeSpan window) =>
        limit <= 0
            ? "no submission limit"
            : string.Format(CultureInfo.InvariantCulture, "{0} new tasks per {1:0.###} s", limit, window.TotalSeconds);

    /// <summary>A duration as a person reads it: "45 s", "8 min 20 s", "1 h 5 min".</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return string.Format(CultureInfo.InvariantCulture, "{0} min {1} s", (int)span.TotalMinutes, span.Seconds);
        }

        return string.Format(CultureInfo.InvariantCulture, "{0} h {1} min", (int)span.TotalHours, span.Minutes);
    }
}
