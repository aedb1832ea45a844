using System;
using System.Collections.Generic;

namespace FourOImage.Bench;

/// <summary>What a benchmark script measured in its own process (bench/BenchRun.ps1, Measure-BenchRun), read from its JSON.</summary>
internal sealed record ScriptResult
{
    /// <summary>The measured window, on the machine's clock (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset EndedAt { get; init; }

    public double Seconds { get; init; }

    /// <summary>Objects that came out of the run (files saved, for both scripts).</summary>
    public int Objects { get; init; }

    public int Errors { get; init; }

    public List<string> FirstErrors { get; init; } = new();

    /// <summary>The script's process after a full collection, just before the run.</summary>
    public long WorkingSetBefore { get; init; }

    public long HeapBefore { get; init; }

    /// <summary>Live managed heap after the run and a full collection.</summary>
    public long HeapAfter { get; init; }

    /// <summary>Managed bytes allocated during the run (0 where the runtime can't tell).</summary>
    public long AllocatedBytes { get; init; }

    public string PowerShell { get; init; } = "";

    /// <summary>Import-Module FourOImage in the fresh process (run A only).</summary>
    public double? ImportModuleSeconds { get; init; }
}
