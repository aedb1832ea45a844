using System.Collections.Generic;
using System.Linq;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>Requests the emulator received during a run, by endpoint (generate, record-info, download-url, image, ...).</summary>
internal static class RequestCounts
{
    public static readonly string[] Endpoints = { "generate", "record-info", "download-url", "image" };

    public static Dictionary<string, int> From(IReadOnlyList<RequestLogEntry> log) =>
        log.GroupBy(e => e.Endpoint).ToDictionary(g => g.Key, g => g.Count());
}
