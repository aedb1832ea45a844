using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace FourOImage.Bench;

/// <summary>Entry point: the parent runs every (run, N) in a child process and reports; a child measures one.</summary>
internal static class Program
{
    public const string ResultPrefix = "RESULT ";

    private static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(BenchOptions.Usage);
                return 0;
            }

            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        if (options.Child is { } child)
        {
            var result = await Measurement.MeasureAsync(options, child.Run, child.N);
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
            return 0;
        }

        var started = DateTimeOffset.UtcNow;
        var results = new List<RunResult>();
        foreach (var n in options.Counts.OrderBy(n => n))
        {
            foreach (var run in options.Runs)
            {
                if (run == "B" && n > options.ScriptMaxN)
                {
                    continue;
                }

                Console.WriteLine($"Measuring run {run}, N = {n} ...");
                var result = await ChildRunner.MeasureAsync(options, run, n);
                results.Add(result);
                Console.WriteLine(ConsoleTable.Line(result));
            }
        }

        results.AddRange(Extrapolation.ScriptRuns(options, results));
        var report = new Report(options, results, started, args);
        Console.WriteLine();
        Console.WriteLine(ConsoleTable.Render(results));
        Console.WriteLine(report.TargetsText());
        if (options.OutFile != null)
        {
            report.WriteMarkdown(options.OutFile);
            Console.WriteLine($"Report written to {options.OutFile}.");
        }

        return results.Any(r => r.TimedOut) ? 1 : 0;
    }
}
