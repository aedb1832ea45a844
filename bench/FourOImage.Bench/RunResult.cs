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

    /// <summary>All bytes written at the link's bandwidth: the least the transfer can take.</summary>
    public double LinkSeconds { get; init; }

    public double Ratio => IdealSeconds > 0 ? WallSeconds / IdealSeconds : 0;

    /// <summary>Requests the emulator received, by endpoint.</summary>
    public Dictionary<string, int> Requests { get; init; } = new();

    /// <summary>The PowerShell process's working set settled just before the run (module imported), and its peak during the run.</summary>
    public long BaselineWorkingSet { get; init; }

    public long PeakWorkingSet { get; init; }

    /// <summary>Managed bytes the PowerShell process allocated during the run.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>
    /// Live managed heap after the run minus before it, both settled: what the run left behind in the session
    /// (caches, the shared HttpClient, anything the pipeline kept).
    /// </summary>
    public long HeapKept { get; init; }

    /// <summary>Import-Module FourOImage in the fresh PowerShell (run A), null where not measured.</summary>
    public double? ImportModuleSeconds { get; init; }

    /// <summary>$PSVersionTable.PSVersion of the PowerShell that ran the script.</summary>
    public string PowerShell { get; init; } = "";

    public long BytesWritten { get; init; }

    public int ExpectedImages { get; init; }

    public int VerifiedImages { get; init; }

    public int BrokenFiles { get; init; }

    public int Errors { get; init; }

    /// <summary>Rows all of whose images are complete files on disk.</summary>
    public int CompleteRows { get; init; }

    /// <summary>Generate requests the emulator's submission window refused with 429 (no task created).</summary>
    public int Rejected { get; init; }

    public List<string> FirstErrors { get; init; } = new();

    public bool TimedOut { get; init; }

    /// <summary>The machine's 1-minute load average before and after the run (other work on the machine), when known.</summary>
    public double? LoadBefore { get; init; }

    public double? LoadAfter { get; init; }

    /// <summary>Seconds from the start of the run to the last generate request, the first and the last image request (emulator log).</summary>
    public double LastGenerateAt { get; init; }

    public double FirstImageAt { get; init; }

    public double LastImageAt { get; init; }

    /// <summary>Per task, seconds from the poll that saw it finished to the first request for one of its images: mean and max.</summary>
    public SaveDelay SaveDelays { get; init; }

    public int Lost => ExpectedImages - VerifiedImages;

    /// <summary>Rows without all their images on disk.</summary>
    public int RowsLost => N - CompleteRows;

    /// <summary>Window refusals per row, in percent.</summary>
    public double RejectedPercent => N > 0 ? 100.0 * Rejected / N : 0;

    public double PerTask(string endpoint) => N > 0 && Requests.TryGetValue(endpoint, out var count) ? count / (double)N : 0;
}
