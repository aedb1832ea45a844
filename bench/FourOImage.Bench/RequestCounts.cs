using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>Requests the emulator received during a run, by endpoint (generate, record-info, download-url, image, ...).</summary>
internal static class RequestCounts
{
    public static Dictionary<string, int> From(IReadOnlyList<RequestLogEntry> log) =>
        log.GroupBy(e => e.Endpoint).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Generate requests the submission window refused (429, no task created).</summary>
    public static int RejectedByWindow(IReadOnlyList<RequestLogEntry> log) =>
        log.Count(e => e.Endpoint == "generate" && e.Limit == RequestLimits.SubmissionWindow);

    /// <summary>Seconds from <paramref name="start"/> to the first or last request to <paramref name="endpoint"/>; 0 when there was none.</summary>
    public static double At(IReadOnlyList<RequestLogEntry> log, string endpoint, DateTimeOffset start, bool last)
    {
        var times = log.Where(e => e.Endpoint == endpoint).Select(e => e.Time).ToList();
        return times.Count == 0 ? 0 : ((last ? times.Max() : times.Min()) - start).TotalSeconds;
    }
}
