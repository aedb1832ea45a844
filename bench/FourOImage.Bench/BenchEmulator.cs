using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// The emulator every run measures against, as the emulator's own command line: the bench's settings first, then
/// whatever --emulator adds (which wins). The report quotes <see cref="Arguments"/>, so a run can be reproduced with
/// the standalone emulator too.
/// </summary>
internal static class BenchEmulator
{
    /// <summary>Pictures rendered per size; each served image is a pooled copy with its own text chunk (no render time in a run).</summary>
    public const int Pictures = 4;

    public static IReadOnlyList<string> Arguments(BenchOptions options)
    {
        static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>();
        if (options.GenerationSecondsMax is { } max)
        {
            arguments.AddRange(new[] { "--min-generation-time", Number(options.GenerationSeconds), "--max-generation-time", Number(max) });
        }
        else
        {
            arguments.AddRange(new[] { "--generation-time", Number(options.GenerationSeconds) });
        }

        arguments.AddRange(new[]
        {
            "--image-bytes-per-second", options.LinkBytesPerSecond.ToString(CultureInfo.InvariantCulture),
            "--distinct-pictures", Pictures.ToString(CultureInfo.InvariantCulture),
            "--credits", "1000000000",
        });
        arguments.AddRange(options.EmulatorArguments);
        return arguments;
    }

    /// <summary>The options <see cref="Arguments"/> make, ignoring FOUROIMAGE_EMULATOR_* variables so every run is as reported.</summary>
    /// <exception cref="System.ArgumentException">An option the emulator refuses.</exception>
    public static EmulatorOptions Options(BenchOptions options) => EmulatorCommandLine.Parse(Arguments(options), _ => null);

    public static string CommandLine(BenchOptions options) => string.Join(" ", Arguments(options));
}
