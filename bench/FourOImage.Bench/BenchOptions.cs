using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FourOImage.Bench;

/// <summary>The command line of the benchmark. Every option has a default; see <see cref="Usage"/>.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        FourOImage benchmark: FourOImage's Core pipeline (run A) against the usual sequential script (run B),
        both against the in-process emulator.

        dotnet run -c Release --project bench/FourOImage.Bench -- [options]
          --n 10,100,1000          prompts per run (rows); every N is measured for each run
          --variants 4             images per prompt (1, 2 or 4)
          --generation-time 5      seconds every task takes in the emulator
          --generation-time-max S  draw each task's time uniformly between --generation-time and S instead
                                   (the ideal then uses S, an upper bound of the slowest task)
          --bandwidth-mbps 100     the image host's link, shared by all downloads (megabits per second)
          --runs A,B               A = FourOImage (New | Wait | Save operations), B = sequential script
          --script-max-n 10        run B for real only up to this N; larger N are extrapolated from its per-row cost
          --out docs/performance.md  where the report goes (console table always)
          --work-dir DIR           where images are written (default: a temp folder); deleted after each run
        Each (run, N) is measured in a fresh child process, so memory peaks do not carry over.
        """;

    public IReadOnlyList<int> Counts { get; private set; } = new[] { 10, 100, 1000 };

    public int Variants { get; private set; } = 4;

    public double GenerationSeconds { get; private set; } = 5;

    /// <summary>When set, task times are drawn between <see cref="GenerationSeconds"/> and this.</summary>
    public double? GenerationSecondsMax { get; private set; }

    /// <summary>The slowest a task can take: what the ideal uses.</summary>
    public double SlowestGenerationSeconds => GenerationSecondsMax ?? GenerationSeconds;

    public double BandwidthMbps { get; private set; } = 100;

    public IReadOnlyList<string> Runs { get; private set; } = new[] { "A", "B" };

    public int ScriptMaxN { get; private set; } = 10;

    public string? OutFile { get; private set; } = "docs/performance.md";

    public string? WorkDir { get; private set; }

    /// <summary>Set in a child process: the one (run, N) it measures.</summary>
    public (string Run, int N)? Child { get; private set; }

    public long LinkBytesPerSecond => (long)(BandwidthMbps * 1_000_000 / 8);

    public TimeSpan GenerationTime => TimeSpan.FromSeconds(GenerationSeconds);

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
                case "--generation-time": options.GenerationSeconds = ParseSeconds(Value(), name); break;
                case "--generation-time-max": options.GenerationSecondsMax = ParseSeconds(Value(), name); break;
                case "--bandwidth-mbps": options.BandwidthMbps = ParseSeconds(Value(), name); break;
                case "--runs": options.Runs = ParseRuns(Value()); break;
                case "--script-max-n": options.ScriptMaxN = ParsePositive(Value()); break;
                case "--out": options.OutFile = Value(); break;
                case "--work-dir": options.WorkDir = Value(); break;
                case "--child":
                    var parts = Value().Split(':');
                    options.Child = (ParseRuns(parts[0])[0], ParsePositive(parts[1]));
                    break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.GenerationSecondsMax < options.GenerationSeconds)
        {
            throw new ArgumentException("--generation-time-max must not be less than --generation-time.");
        }

        return options;
    }

    /// <summary>The options a child process needs to measure (run, N) exactly as the parent was asked to.</summary>
    public IEnumerable<string> ChildArguments(string run, int n)
    {
        yield return "--child";
        yield return $"{run}:{n}";
        yield return "--variants";
        yield return Variants.ToString(CultureInfo.InvariantCulture);
        yield return "--generation-time";
        yield return GenerationSeconds.ToString(CultureInfo.InvariantCulture);
        if (GenerationSecondsMax is { } max)
        {
            yield return "--generation-time-max";
            yield return max.ToString(CultureInfo.InvariantCulture);
        }

        yield return "--bandwidth-mbps";
        yield return BandwidthMbps.ToString(CultureInfo.InvariantCulture);
        if (WorkDir != null)
        {
            yield return "--work-dir";
            yield return WorkDir;
        }
    }

    private static int ParsePositive(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{text}' is not a positive whole number.");

    private static int ParseVariants(string text) =>
        ParsePositive(text) is var value && value is 1 or 2 or 4 ? value : throw new ArgumentException("--variants must be 1, 2 or 4.");

    private static double ParseSeconds(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive number; got '{text}'.");

    private static string[] ParseRuns(string text)
    {
        var runs = text.Split(',').Select(r => r.Trim().ToUpperInvariant()).ToArray();
        return runs.All(r => r is "A" or "B") && runs.Length > 0
            ? runs
            : throw new ArgumentException("--runs takes A, B or A,B.");
    }
}
