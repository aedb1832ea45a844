using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Bench;

/// <summary>
/// Runs whose rows go one after another (run B) at N larger than --script-max-n: wall time, requests and bytes are the
/// largest measured run's per-row cost times N. Memory is not extrapolated (shown as not measured).
/// </summary>
internal static class Extrapolation
{
    public static IEnumerable<RunResult> RowByRowRuns(BenchOptions options, IReadOnlyList<RunResult> measured)
    {
        var ideal = Ideal.For(BenchEmulator.Options(options));
        foreach (var run in options.Runs.Select(id => BenchRun.Find(id)!).Where(r => r.OneRowAtATime))
        {
            var basis = measured.Where(r => r.Run == run.Id && !r.TimedOut).OrderByDescending(r => r.N).FirstOrDefault();
            if (basis is null)
            {
                continue;
            }

            foreach (var n in options.Counts.Where(n => !run.Measures(options, n)))
            {
                var scale = n / (double)basis.N;
                var bytes = (long)(basis.BytesWritten * scale);
                yield return basis with
                {
                    N = n,
                    Extrapolated = true,
                    WallSeconds = basis.WallSeconds * scale,
                    IdealSeconds = ideal.Seconds(n, bytes),
                    LinkSeconds = ideal.LinkSeconds(bytes),
                    Requests = basis.Requests.ToDictionary(p => p.Key, p => (int)(p.Value * scale)),
                    BaselineWorkingSet = 0,
                    PeakWorkingSet = 0,
                    AllocatedBytes = 0,
                    HeapKept = 0,
                    BytesWritten = bytes,
                    ExpectedImages = n * options.Variants,
                    VerifiedImages = (int)(basis.VerifiedImages * scale),
                    CompleteRows = (int)(basis.CompleteRows * scale),
                    Rejected = (int)(basis.Rejected * scale),
                    Errors = (int)(basis.Errors * scale),
                    FirstErrors = new List<string>(),
                };
            }
        }
    }
}
