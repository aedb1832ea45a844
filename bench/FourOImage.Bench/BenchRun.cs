using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Bench;

/// <summary>
/// One kind of run: a PowerShell script in bench/ that takes -ApiBaseUrl, -ApiKey, -Rows, -Variants, -Path and
/// -ResultPath (see bench/BenchRun.ps1). A new run (issue 11's ForEach-Object -Parallel script, say) is one more entry.
/// </summary>
/// <param name="Id">The letter used in --runs and in the report.</param>
/// <param name="Script">The script, relative to the repository root.</param>
/// <param name="Description">What the report says the run is.</param>
/// <param name="OneRowAtATime">Rows run one after another: N above --script-max-n is extrapolated from per-row cost.</param>
/// <param name="MayLoseRows">
/// No retries: a row the service refuses is lost, as in such a script. Its losses are reported beside run A, not held to
/// the zero-lost target.
/// </param>
internal sealed record BenchRun(string Id, string Script, string Description, bool OneRowAtATime, bool MayLoseRows = false)
{
    public static readonly IReadOnlyList<BenchRun> All = new[]
    {
        new BenchRun("A", "bench/pipeline.ps1",
            "FourOImage: `Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage -Path dir` with the cmdlets' defaults, " +
            "the real module (out/FourOImage) imported in a fresh PowerShell",
            OneRowAtATime: false),
        new BenchRun("B", "bench/script-sequential.ps1",
            "the usual script, in the same PowerShell: per row `Invoke-RestMethod` generate, `Start-Sleep 5` and poll record-info " +
            "until done, `Invoke-WebRequest -OutFile` each URL one by one",
            OneRowAtATime: true),
        new BenchRun("C", "bench/script-parallel.ps1",
            "the script a capable user writes, in the same PowerShell: `Import-Csv | ForEach-Object -Parallel -ThrottleLimit 16` " +
            "{ `Invoke-RestMethod` generate, poll record-info every 2 s until done, `Invoke-WebRequest -OutFile` each URL }, no retries",
            OneRowAtATime: false, MayLoseRows: true),
    };

    public static BenchRun? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>Whether this N is measured; otherwise it is extrapolated (rows one at a time, above --script-max-n).</summary>
    public bool Measures(BenchOptions options, int n) => !OneRowAtATime || n <= options.ScriptMaxN;
}
