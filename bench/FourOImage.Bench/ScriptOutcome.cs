using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace FourOImage.Bench;

/// <summary>How a benchmark script's process ended: its output, its sampled memory, and the result file it wrote.</summary>
internal sealed record ScriptOutcome(bool TimedOut, int ExitCode, TimeSpan Elapsed, string Output, string Errors, ProcessMemorySampler Memory)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The result the script wrote to <paramref name="path"/> (bench/BenchRun.ps1's Measure-BenchRun).</summary>
    /// <exception cref="InvalidOperationException">The script failed or wrote no result; the message has its last output.</exception>
    public ScriptResult ReadResult(string path)
    {
        if (ExitCode == 0 && File.Exists(path))
        {
            return JsonSerializer.Deserialize<ScriptResult>(File.ReadAllText(path), Json)
                ?? throw new InvalidOperationException($"{path} holds no result.");
        }

        var tail = string.Join(Environment.NewLine, (Output + Errors).Split('\n').TakeLast(30));
        throw new InvalidOperationException($"The script ended with exit code {ExitCode} and no result. Its last output:{Environment.NewLine}{tail}");
    }
}
