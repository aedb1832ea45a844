using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// Measures one (run, N) in this process: starts the emulator, settles memory, runs, and reads the emulator's log and
/// the files on disk. The emulator shares the process; its start-up and idle cost is in the baseline, and what it holds
/// during the run is small: <see cref="Pictures"/> pre-rendered pictures per size (each served image is a pooled copy
/// with its own text chunk, so the emulator spends no render time in the run), one record per task and per request.
/// </summary>
internal static class Measurement
{
    public const int Pictures = 4;

    public static async Task<RunResult> MeasureAsync(BenchOptions options, string run, int n)
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            FixedGenerationTime = options.GenerationSecondsMax is null ? options.GenerationTime : null,
            MinGenerationTime = options.GenerationTime,
            MaxGenerationTime = TimeSpan.FromSeconds(options.SlowestGenerationSeconds),
            ImageBytesPerSecond = options.LinkBytesPerSecond,
            InitialCredits = 1_000_000_000m,
            DistinctPictures = Pictures,
        });
        var directory = Path.Combine(options.WorkDir ?? Path.GetTempPath(), $"fourobench-{run}-{n}-{Environment.ProcessId}");
        using var bound = new CancellationTokenSource(TimeBound(options, run, n));
        try
        {
            await EmulatorWarmUp.RunAsync(emulator, TimeSpan.FromSeconds(options.SlowestGenerationSeconds));
            var (baselineWorkingSet, baselineHeap) = MemorySampler.Settled();
            var errors = 0;
            var firstErrors = new System.Collections.Generic.List<string>();
            var timedOut = false;
            var loadBefore = LoadAverage.Read();
            var startedAt = emulator.Now;
            var clock = Stopwatch.StartNew();
            using (var sampler = new MemorySampler())
            {
                try
                {
                    if (run == "A")
                    {
                        var clientOptions = new ClientOptions().WithBaseUrl(emulator.ApiBaseUrl).WithApiKey(ApiKey.FromString(emulator.ApiKey));
                        var tally = ModuleRun.Run(clientOptions, n, options.Variants, directory, bound.Token);
                        errors = tally.Errors;
                        firstErrors.AddRange(tally.FirstErrors);
                    }
                    else
                    {
                        errors = await ScriptRun.RunAsync(emulator.ApiBaseUrl, emulator.ApiKey, n, options.Variants, directory, bound.Token);
                    }
                }
                catch (OperationCanceledException) when (bound.IsCancellationRequested)
                {
                    timedOut = true;
                }

                clock.Stop();
                timedOut |= bound.IsCancellationRequested;
                var log = emulator.RequestLog;
                var (verified, broken, bytes) = SavedImages.Verify(directory);
                var (_, heapAfter) = MemorySampler.Settled();

                return new RunResult
                {
                    Run = run,
                    N = n,
                    Variants = options.Variants,
                    WallSeconds = clock.Elapsed.TotalSeconds,
                    IdealSeconds = options.SlowestGenerationSeconds + bytes / (double)options.LinkBytesPerSecond,
                    Requests = RequestCounts.From(log),
                    BaselineWorkingSet = baselineWorkingSet,
                    PeakWorkingSet = Math.Max(sampler.PeakWorkingSet, Environment.WorkingSet),
                    BaselineHeap = baselineHeap,
                    PeakHeap = sampler.PeakHeap,
                    HeapAfter = heapAfter,
                    BytesWritten = bytes,
                    ExpectedImages = n * options.Variants,
                    VerifiedImages = verified,
                    BrokenFiles = broken,
                    Errors = errors,
                    FirstErrors = firstErrors,
                    TimedOut = timedOut,
                    LoadBefore = loadBefore,
                    LoadAfter = LoadAverage.Read(),
                    LastGenerateAt = RequestCounts.At(log, "generate", startedAt, last: true),
                    FirstImageAt = RequestCounts.At(log, "image", startedAt, last: false),
                    LastImageAt = RequestCounts.At(log, "image", startedAt, last: true),
                    SaveDelays = SaveDelay.From(log),
                };
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Generous bound so a run always ends by itself: B is sequential, A should take little over the ideal.</summary>
    public static TimeSpan TimeBound(BenchOptions options, string run, int n)
    {
        var perRow = run == "B" ? options.SlowestGenerationSeconds + 10 : 1;
        return TimeSpan.FromSeconds(120 + options.SlowestGenerationSeconds * 3 + perRow * n);
    }
}
