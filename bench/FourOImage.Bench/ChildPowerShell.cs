using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace FourOImage.Bench;

/// <summary>
/// The PowerShell the bench runs its scripts in, one fresh process per run. By default the repository's local .NET
/// tool (`dotnet pwsh`, PowerShell 7.6.9 pinned in .config/dotnet-tools.json), found once through
/// build/ChildPowerShell.ps1's Get-ChildPowerShell (the helper build.ps1 and the Pester suite use): the bench then
/// starts that pwsh itself, so the process it samples is PowerShell and not the dotnet CLI that launches tools.
/// </summary>
internal sealed record ChildPowerShell(string FilePath, IReadOnlyList<string> Arguments, string Origin)
{
    public static async Task<ChildPowerShell> FindAsync(BenchOptions options, string repoRoot)
    {
        if (options.PowerShellPath is { } path)
        {
            return new ChildPowerShell(path, Array.Empty<string>(), "given by `--pwsh " + path + "`");
        }

        await RunAsync("dotnet", new[] { "tool", "restore" }, repoRoot);
        var json = await RunAsync("dotnet", new[]
        {
            "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command",
            ". ./build/ChildPowerShell.ps1; Get-ChildPowerShell | ConvertTo-Json -Compress",
        }, repoRoot);
        using var found = JsonDocument.Parse(json.Trim().Split('\n').Last());
        var filePath = found.RootElement.GetProperty("FilePath").GetString()!;
        var arguments = found.RootElement.GetProperty("Arguments") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(a => a.GetString()!).ToArray()
            : Array.Empty<string>();
        return new ChildPowerShell(filePath, arguments, "as the repository's local .NET tool (`dotnet pwsh`, .config/dotnet-tools.json)");
    }

    /// <summary>
    /// Runs <paramref name="script"/> with named parameters in a fresh PowerShell, sampling its working set, and kills
    /// it when it outlives <paramref name="bound"/>.
    /// </summary>
    public async Task<ScriptOutcome> RunScriptAsync(string script, IReadOnlyList<(string Name, string Value)> parameters, string workingDirectory, TimeSpan bound)
    {
        var start = new ProcessStartInfo(FilePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in Arguments.Concat(new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script }))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in parameters)
        {
            start.ArgumentList.Add("-" + name);
            start.ArgumentList.Add(value);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {FilePath}.");
        using var memory = new ProcessMemorySampler(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var timedOut = !process.WaitForExit(bound);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        memory.Stop();
        return new ScriptOutcome(timedOut, timedOut ? -1 : process.ExitCode, clock.Elapsed, await output, await errors, memory);
    }

    private static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(" ", start.ArgumentList)}' failed (exit code {process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }
}
