using System.Collections.Generic;
using System.Linq;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// How long finished tasks wait before their images are asked for: per task, from its last record-info request (the
/// poll that saw it finished) to the first request for one of its images. Mean and max over tasks, in seconds.
/// </summary>
internal readonly record struct SaveDelay(double Mean, double Max)
{
    public static SaveDelay From(IReadOnlyList<RequestLogEntry> log)
    {
        var delays = log.Where(e => e.TaskId != null)
            .GroupBy(e => e.TaskId)
            .Select(g => (Seen: g.Where(e => e.Endpoint == "record-info").Select(e => e.Time).DefaultIfEmpty().Max(),
                          Image: g.Where(e => e.Endpoint == "image").Select(e => e.Time).DefaultIfEmpty().Min()))
            .Where(t => t.Seen != default && t.Image != default)
            .Select(t => (t.Image - t.Seen).TotalSeconds)
            .ToList();
        return delays.Count == 0 ? default : new SaveDelay(delays.Average(), delays.Max());
    }
}
