using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace FourOImage.Bench;

/// <summary>Entry point: each (run, N) in a fresh PowerShell against a fresh emulator, then the console table and the report.</summary>
internal static class Program
{
    private static readonly TimeSpan LoadPatience = TimeSpan.FromMinutes(3);

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

        var repoRoot = RepoPaths.Root();
        if (!File.Exists(RepoPaths.Module(repoRoot)))
        {
            Console.Error.WriteLine($"{RepoPaths.Module(repoRoot)} is missing: build the module first (dotnet build src/FourOImage -c Release).");
            return 2;
        }

        var pwsh = await ChildPowerShell.FindAsync(options, repoRoot);
        Console.WriteLine($"PowerShell: {pwsh.FilePath}, {pwsh.Origin}");
        Console.WriteLine($"Emulator: {BenchEmulator.CommandLine(options)}");
        Console.WriteLine($"Load average: {LoadAverage.Read():0.0}");
        var started = DateTimeOffset.UtcNow;
        var results = new List<RunResult>();
        foreach (var n in options.Counts.OrderBy(n => n))
        {
            foreach (var run in options.Runs.Select(id => BenchRun.Find(id)!).Where(r => r.Measures(options, n)))
            {
                if (options.WaitForLoad is { } limit)
                {
                    await LoadAverage.WaitAtMostAsync(limit, LoadPatience);
                }

                Console.WriteLine($"Measuring run {run.Id}, N = {n} ...");
                var result = await Measurement.MeasureAsync(options, run, n, pwsh, repoRoot);
                results.Add(result);
                Console.WriteLine(ConsoleTable.Line(result));
            }
        }

        results.AddRange(Extrapolation.RowByRowRuns(options, results));
        var report = new Report(options, pwsh, results, started, args);
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
