using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// Measures one (run, N): starts a fresh emulator in this process and warms it up, runs the run's script in a fresh
/// PowerShell against it, then reads the script's result, the emulator's request log and the files on disk. The
/// emulator's own work is in this process, so the PowerShell process's memory is the client's alone.
/// </summary>
internal static class Measurement
{
    public static async Task<RunResult> MeasureAsync(BenchOptions options, BenchRun run, int n, ChildPowerShell pwsh, string repoRoot)
    {
        var emulatorOptions = BenchEmulator.Options(options);
        var ideal = Ideal.For(emulatorOptions);
        await using var emulator = await EmulatorServer.StartAsync(emulatorOptions);
        var work = Path.Combine(options.WorkDir ?? Path.GetTempPath(), $"fourobench-{run.Id}-{n}-{Environment.ProcessId}");
        var images = Path.Combine(work, "images");
        var resultPath = Path.Combine(work, "result.json");
        Directory.CreateDirectory(work);
        try
        {
            await EmulatorWarmUp.RunAsync(emulator, ideal.SlowestTask, emulatorOptions.SubmissionWindowLength);
            var parameters = new List<(string, string)>
            {
                ("ApiBaseUrl", emulator.ApiBaseUrl.ToString()),
                ("ApiKey", emulator.ApiKey),
                ("Rows", n.ToString(CultureInfo.InvariantCulture)),
                ("Variants", options.Variants.ToString(CultureInfo.InvariantCulture)),
                ("Path", images),
                ("ResultPath", resultPath),
            };
            var loadBefore = LoadAverage.Read();
            var outcome = await pwsh.RunScriptAsync(Path.Combine(repoRoot, run.Script), parameters, repoRoot, TimeBound(run, n, ideal));
            using var memory = outcome.Memory;
            var loadAfter = LoadAverage.Read();
            var log = emulator.RequestLog;
            var (verified, broken, bytes) = SavedImages.Verify(images);
            // The ideal is of the whole job: a run that lost rows is measured against every row's bytes.
            var expected = n * options.Variants;
            var idealBytes = verified > 0 && verified < expected ? bytes * expected / verified : bytes;
            var measured = new RunResult
            {
                Run = run.Id,
                N = n,
                Variants = options.Variants,
                IdealSeconds = ideal.Seconds(n, idealBytes),
                LinkSeconds = ideal.LinkSeconds(idealBytes),
                Requests = RequestCounts.From(log),
                BytesWritten = bytes,
                ExpectedImages = expected,
                VerifiedImages = verified,
                CompleteRows = SavedImages.CompleteRows(images, options.Variants),
                Rejected = RequestCounts.RejectedByWindow(log),
                BrokenFiles = broken,
                LoadBefore = loadBefore,
                LoadAfter = loadAfter,
                SaveDelays = SaveDelay.From(log),
            };
            if (outcome.TimedOut)
            {
                return measured with { TimedOut = true, WallSeconds = outcome.Elapsed.TotalSeconds };
            }

            var result = outcome.ReadResult(resultPath);
            // The request log is on the emulator's clock: the machine's clock plus what the warm-up advanced it.
            var startedAt = result.StartedAt + (emulator.Now - DateTimeOffset.UtcNow);
            return measured with
            {
                WallSeconds = result.Seconds,
                BaselineWorkingSet = result.WorkingSetBefore,
                PeakWorkingSet = memory.PeakBetween(result.StartedAt, result.EndedAt),
                AllocatedBytes = result.AllocatedBytes,
                HeapKept = result.HeapAfter - result.HeapBefore,
                ImportModuleSeconds = result.ImportModuleSeconds,
                PowerShell = result.PowerShell,
                Errors = result.Errors,
                FirstErrors = result.FirstErrors,
                LastGenerateAt = RequestCounts.At(log, "generate", startedAt, last: true),
                FirstImageAt = RequestCounts.At(log, "image", startedAt, last: false),
                LastImageAt = RequestCounts.At(log, "image", startedAt, last: true),
            };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// A generous bound so a run always ends by itself: rows one at a time take a task and a poll each; FourOImage little
    /// over the ideal, which includes submitting every row through the window.
    /// </summary>
    private static TimeSpan TimeBound(BenchRun run, int n, Ideal ideal)
    {
        var slowest = ideal.SlowestTask.TotalSeconds;
        var perRow = run.OneRowAtATime ? slowest + 10 : 1;
        return TimeSpan.FromSeconds(120 + slowest * 3 + perRow * n + ideal.LastSubmissionSeconds(n) * 1.5);
    }
}
