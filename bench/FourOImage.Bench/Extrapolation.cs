using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Bench;

/// <summary>
/// Run B at N larger than --script-max-n: its rows run one after another, so wall time, requests and bytes are its
/// measured per-row cost times N. Memory is not extrapolated (shown as not measured).
/// </summary>
internal static class Extrapolation
{
    public static IEnumerable<RunResult> ScriptRuns(BenchOptions options, IReadOnlyList<RunResult> measured)
    {
        var basis = measured.Where(r => r.Run == "B" && !r.Extrapolated && !r.TimedOut).OrderByDescending(r => r.N).FirstOrDefault();
        if (basis is null || !options.Runs.Contains("B"))
        {
            yield break;
        }

        foreach (var n in options.Counts.Where(n => n > options.ScriptMaxN && !measured.Any(r => r.Run == "B" && r.N == n)))
        {
            var scale = n / (double)basis.N;
            var bytes = (long)(basis.BytesWritten * scale);
            yield return basis with
            {
                N = n,
                Extrapolated = true,
                WallSeconds = basis.WallSeconds * scale,
                IdealSeconds = options.SlowestGenerationSeconds + bytes / (double)options.LinkBytesPerSecond,
                Requests = basis.Requests.ToDictionary(p => p.Key, p => (int)(p.Value * scale)),
                BaselineWorkingSet = 0,
                PeakWorkingSet = 0,
                BaselineHeap = 0,
                PeakHeap = 0,
                BytesWritten = bytes,
                ExpectedImages = n * options.Variants,
                VerifiedImages = (int)(basis.VerifiedImages * scale),
                Errors = (int)(basis.Errors * scale),
                FirstErrors = new List<string>(),
            };
        }
    }
}
