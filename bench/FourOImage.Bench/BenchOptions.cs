using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FourOImage.Bench;

/// <summary>The command line of the benchmark. Every option has a default; see <see cref="Usage"/>.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        FourOImage benchmark: the real cmdlets in a child PowerShell (run A, bench/pipeline.ps1) against the usual
        sequential script (run B, bench/script-sequential.ps1) and a capable user's ForEach-Object -Parallel script
        (run C, bench/script-parallel.ps1), all against an emulator in this process.

        dotnet run -c Release --project bench/FourOImage.Bench -- [options]
          --n 10,100,1000          prompts per run (rows); every N is measured for each run
          --variants 4             images per prompt (1, 2 or 4)
          --generation-time 5      seconds every task takes in the emulator
          --generation-time-max S  draw each task's time uniformly between --generation-time and S instead
                                   (the ideal then uses S, an upper bound of the slowest task)
          --bandwidth-mbps 100     the image host's link, shared by all downloads (megabits per second)
          --emulator "ARGS"        more emulator options, as its command line takes them (docs/emulator.md),
                                   e.g. --emulator "--task-failure-rate 0.05"; they win over the bench's own
          --runs A,B               which runs: A, B, C (see bench/*.ps1)
          --script-max-n 100       run B for real only up to this N; larger N are extrapolated from its per-row cost
          --pwsh PATH              the PowerShell to run the scripts in (default: the repo's local tool, dotnet pwsh)
          --wait-for-load 1.5      before each run wait (at most 3 minutes) until the 1-minute load average is at
                                   most this (a shared machine); default: do not wait
          --out docs/performance.md  where the report goes (console table always)
          --work-dir DIR           where images are written (default: a temp folder); deleted after each run
        Each (run, N) runs in a fresh PowerShell process with a fresh emulator.
        """;

    public IReadOnlyList<int> Counts { get; private set; } = new[] { 10, 100, 1000 };

    public int Variants { get; private set; } = 4;

    public double GenerationSeconds { get; private set; } = 5;

    /// <summary>When set, task times are drawn between <see cref="GenerationSeconds"/> and this.</summary>
    public double? GenerationSecondsMax { get; private set; }

    public double BandwidthMbps { get; private set; } = 100;

    /// <summary>Emulator options added by the user (--emulator), after the bench's own.</summary>
    public IReadOnlyList<string> EmulatorArguments { get; private set; } = Array.Empty<string>();

    public IReadOnlyList<string> Runs { get; private set; } = new[] { "A", "B" };

    public int ScriptMaxN { get; private set; } = 100;

    public string? PowerShellPath { get; private set; }

    public double? WaitForLoad { get; private set; }

    public string? OutFile { get; private set; } = "docs/performance.md";

    public string? WorkDir { get; private set; }

    public long LinkBytesPerSecond => (long)(BandwidthMbps * 1_000_000 / 8);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--n": options.Counts = Value().Split(',').Select(ParsePositive).ToArray(); break;
                case "--variants": options.Variants = ParseVariants(Value()); break;
                case "--generation-time": options.GenerationSeconds = ParsePositiveNumber(Value(), name); break;
                case "--generation-time-max": options.GenerationSecondsMax = ParsePositiveNumber(Value(), name); break;
                case "--bandwidth-mbps": options.BandwidthMbps = ParsePositiveNumber(Value(), name); break;
                case "--emulator": options.EmulatorArguments = Value().Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
                case "--runs": options.Runs = ParseRuns(Value()); break;
                case "--script-max-n": options.ScriptMaxN = ParsePositive(Value()); break;
                case "--pwsh": options.PowerShellPath = Value(); break;
                case "--wait-for-load": options.WaitForLoad = ParsePositiveNumber(Value(), name); break;
                case "--out": options.OutFile = Value(); break;
                case "--work-dir": options.WorkDir = Value(); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.GenerationSecondsMax < options.GenerationSeconds)
        {
            throw new ArgumentException("--generation-time-max must not be less than --generation-time.");
        }

        // Fail now, not after the first run, on an emulator option the emulator would refuse.
        BenchEmulator.Options(options);
        return options;
    }

    private static int ParsePositive(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive whole number.");

    private static int ParseVariants(string text) =>
        ParsePositive(text) is var value && value is 1 or 2 or 4 ? value : throw new ArgumentException("--variants must be 1, 2 or 4.");

    private static double ParsePositiveNumber(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive number; got '{text}'.");

    private static string[] ParseRuns(string text)
    {
        var runs = text.Split(',').Select(r => r.Trim().ToUpperInvariant()).ToArray();
        return runs.Length > 0 && runs.All(r => BenchRun.Find(r) != null)
            ? runs
            : throw new ArgumentException("--runs takes " + string.Join(", ", BenchRun.All.Select(r => r.Id)) + " (comma-separated).");
    }
}
