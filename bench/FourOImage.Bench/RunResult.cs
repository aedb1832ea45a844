using System.Collections.Generic;

namespace FourOImage.Bench;

/// <summary>One measured (or extrapolated) run. Sizes in bytes, times in seconds.</summary>
internal sealed record RunResult
{
    public string Run { get; init; } = "";

    public int N { get; init; }

    public int Variants { get; init; }

    public bool Extrapolated { get; init; }

    public double WallSeconds { get; init; }

    public double IdealSeconds { get; init; }

    public double Ratio => IdealSeconds > 0 ? WallSeconds / IdealSeconds : 0;

    /// <summary>Requests the emulator received, by endpoint.</summary>
    public Dictionary<string, int> Requests { get; init; } = new();

    /// <summary>Process working set and managed heap settled before the run (emulator started), and their peaks during it.</summary>
    public long BaselineWorkingSet { get; init; }

    public long PeakWorkingSet { get; init; }

    public long BaselineHeap { get; init; }

    public long PeakHeap { get; init; }

    public long BytesWritten { get; init; }

    public int ExpectedImages { get; init; }

    public int VerifiedImages { get; init; }

    public int BrokenFiles { get; init; }

    public int Errors { get; init; }

    public List<string> FirstErrors { get; init; } = new();

    public bool TimedOut { get; init; }

    public int Lost => ExpectedImages - VerifiedImages;

    public double PerTask(string endpoint) => N > 0 && Requests.TryGetValue(endpoint, out var count) ? count / (double)N : 0;
}
