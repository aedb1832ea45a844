# What every benchmark script shares: the prompts CSV, the measured window and the result file. Dot-source it.
# Works in pwsh 7.4+ and Windows PowerShell 5.1.

# Writes the benchmark's CSV: one row per prompt (prompt, size, variants), as a user's prompts.csv would be.
function New-BenchPromptCsv {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [int] $Rows,
        [Parameter(Mandatory)] [int] $Variants
    )
    1..$Rows | ForEach-Object {
        [pscustomobject]@{
            prompt   = "Benchmark prompt $($_): a lighthouse on a cliff at dusk, watercolor, soft light"
            size     = '1:1'
            variants = $Variants
        }
    } | Export-Csv -Path $Path -NoTypeInformation -Encoding utf8
}

# Runs the measured work once and returns what was measured: start and end (UTC, so a caller can place them in the
# emulator's request log), seconds, objects that came out, errors (count and the first few), and this process's
# memory settled before and after (working set, managed heap) and managed bytes allocated during the run.
# Errors are merged into the output (2>&1) and counted, so a failing row is counted, not shown and not fatal.
function Measure-BenchRun {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)

    # As in a user's session: a failed row is written and the rest go on (the caller may run under 'Stop').
    $ErrorActionPreference = 'Continue'
    # GC.GetTotalAllocatedBytes is .NET Core 3.0+: not in Windows PowerShell 5.1, where allocations are not reported.
    $canCountAllocations = $null -ne [GC].GetMethod('GetTotalAllocatedBytes', [type[]]@([bool]))
    $allocated = { if ($canCountAllocations) { [GC]::GetTotalAllocatedBytes($true) } else { 0 } }
    $settle = { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect() }
    & $settle
    $workingSetBefore = [Environment]::WorkingSet
    $heapBefore = [GC]::GetTotalMemory($false)
    $allocatedBefore = & $allocated
    $objects = 0
    $errors = 0
    $firstErrors = [System.Collections.Generic.List[string]]::new()

    $startedAt = [DateTimeOffset]::UtcNow
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $ScriptBlock 2>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.ErrorRecord]) {
            $errors++
            if ($firstErrors.Count -lt 5) {
                # A script's own throw has its message as its id: say it once.
                $id = $_.FullyQualifiedErrorId
                $firstErrors.Add($(if ($id -eq $_.Exception.Message) { $id } else { "${id}: $($_.Exception.Message)" }))
            }
        }
        else {
            $objects++
        }
    }
    $clock.Stop()
    $endedAt = [DateTimeOffset]::UtcNow

    $allocatedDuring = (& $allocated) - $allocatedBefore
    & $settle
    [pscustomobject]@{
        StartedAt         = $startedAt.ToString('o')
        EndedAt           = $endedAt.ToString('o')
        Seconds           = $clock.Elapsed.TotalSeconds
        Objects           = $objects
        Errors            = $errors
        FirstErrors       = @($firstErrors)
        WorkingSetBefore  = $workingSetBefore
        HeapBefore        = $heapBefore
        HeapAfter         = [GC]::GetTotalMemory($false)
        AllocatedBytes    = $allocatedDuring
        PowerShell        = $PSVersionTable.PSVersion.ToString()
    }
}

# Writes a result object as JSON for the C# benchmark (bench/FourOImage.Bench) to read.
function Export-BenchResult {
    param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $Path)
    $Result | ConvertTo-Json -Depth 4 | Set-Content -Path $Path -Encoding utf8
}
