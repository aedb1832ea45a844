using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;

namespace FourOImage.Bench;

/// <summary>Runs one measurement in a fresh process (this same program with --child) and reads its result line.</summary>
internal static class ChildRunner
{
    public static async Task<RunResult> MeasureAsync(BenchOptions options, string run, int n)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var host = Environment.ProcessPath!;
        if (System.IO.Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = host;
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        else
        {
            start.FileName = host;
        }

        foreach (var argument in options.ChildArguments(run, n))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a child process.");
        var output = process.StandardOutput.ReadToEndAsync();
        var limit = Measurement.TimeBound(options, run, n) + TimeSpan.FromMinutes(1);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Run {run} with N = {n} did not end within {limit}.");
        }

        var line = (await output).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Program.ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Run {run} with N = {n} ended (exit code {process.ExitCode}) without a result.");
        return JsonSerializer.Deserialize<RunResult>(line[Program.ResultPrefix.Length..])!;
    }
}
