#Requires -Version 5.1
<#
.SYNOPSIS
    The adversarial acceptance run of issue 12: a CSV batch through New-4oImage -Journal | Wait-4oImageTask |
    Save-4oImage in a child PowerShell against the emulator with faults on every endpoint, the child killed (SIGKILL)
    mid-run and resumed with the journal, then counted from the emulator's request log and the disk.
.DESCRIPTION
    Prints (and with -PassThru returns) the figures: rows saved, rows whose error or warning names them, rows paid
    twice (more than one task created for one row, from the emulator's request log), temporary files left, and places
    the API key was found (output, verbose, warnings, errors, the journal, every file in the output folder).
    Needs a built module (out/FourOImage) and emulator (./build.ps1 -Task Build).
.EXAMPLE
    ./bench/adversarial.ps1 -Rows 100 -FaultRate 0.03 -KillAfter 30, 70
#>
[CmdletBinding()]
param(
    [int] $Rows = 100,
    # The rate of each fault kind on each endpoint, and the share of tasks that fail.
    [double] $FaultRate = 0.03,
    # Kill the running batch once the journal holds this many created tasks; one kill per number, then a last run.
    [int[]] $KillAfter = @(40),
    [int] $Seed = 12,
    [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) ('fouro-adversarial-' + [guid]::NewGuid().ToString('N').Substring(0, 8))),
    [int] $RunTimeoutSeconds = 900,
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
$repoRoot = Split-Path $PSScriptRoot -Parent
. (Join-Path $repoRoot 'tests/Emulator.ps1')
. (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
$modulePath = Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1'
$null = New-Item -ItemType Directory -Path $WorkFolder -Force
$journal = Join-Path $WorkFolder 'batch.journal'
$out = Join-Path $WorkFolder 'out'
$csv = Join-Path $WorkFolder 'rows.csv'

# Several percent of every fault kind on every endpoint (upload is not used: the rows have no local images).
$r = $FaultRate.ToString([Globalization.CultureInfo]::InvariantCulture)
$kinds = @{
    'generate'     = 'code429', 'code455', 'code500', 'code550', 'badgateway', 'slow', 'drop', 'lostanswer', 'edgerefusal'
    'record-info'  = 'code429', 'code500', 'badgateway', 'slow', 'drop', 'lostanswer'
    'download-url' = 'code500', 'badgateway', 'drop', 'lostanswer'
    'credit'       = 'code500', 'badgateway', 'drop'
    'image'        = 'code500', 'badgateway', 'slow', 'drop', 'truncate'
}
$faults = foreach ($endpoint in $kinds.Keys) { foreach ($kind in $kinds[$endpoint]) { "${endpoint}:$kind=$r" } }
$emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList @(
    '--seed', $Seed, '--min-generation-time', '1', '--max-generation-time', '4', '--slow-delay', '1',
    '--credits', '100000', '--task-failure-rate', $r, '--faults', ($faults -join ','))
try {
    $sizes = '1:1', '3:2', '2:3'
    $variants = 1, 2, 1, 4
    $rowList = for ($i = 1; $i -le $Rows; $i++) {
        [pscustomobject]@{ prompt = ('Adversarial row {0:000}: a lighthouse in a storm' -f $i); size = $sizes[$i % 3]; variants = $variants[$i % 4] }
    }
    $rowList | Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding UTF8

    # The batch as a runbook runs it; every stream goes to a log, the errors in full to another, as they happen.
    $childScript = Join-Path $WorkFolder 'run-batch.ps1'
    Set-Content -LiteralPath $childScript -Encoding UTF8 -Value @'
param([string] $ModulePath, [string] $Csv, [string] $Journal, [string] $Out, [string] $Log)
Import-Module $ModulePath -ErrorAction Stop
$VerbosePreference = 'Continue'
& { Import-Csv -LiteralPath $Csv | New-4oImage -Journal $Journal | Wait-4oImageTask | Save-4oImage -Path $Out } *>&1 |
    ForEach-Object {
        $text = if ($_ -is [System.Management.Automation.ErrorRecord]) { ($_ | Format-List * -Force | Out-String -Width 400) + $_.Exception.ToString() } else { $_ | Out-String -Width 400 }
        # Appended record by record, so a kill loses nothing already seen.
        [System.IO.File]::AppendAllText($Log, ('[{0}] {1}' -f $_.GetType().Name, $text.Trim()) + [Environment]::NewLine)
    }
'@

    $savedEnvironment = $env:FOUROIMAGE_API_KEY, $env:FOUROIMAGE_BASE_URL
    $env:FOUROIMAGE_API_KEY = $emu.ApiKey
    $env:FOUROIMAGE_BASE_URL = $emu.ApiBaseUrl
    $child = Get-ChildPowerShell
    $quote = { param($text) '"' + $text + '"' }
    function Start-Run([string] $Name) {
        $log = Join-Path $WorkFolder "$Name.log"
        $arguments = @($child.Arguments | ForEach-Object { & $quote $_ }) + @(
            '-NoLogo', '-NoProfile', '-NonInteractive', '-File', (& $quote $childScript), '-ModulePath', (& $quote $modulePath),
            '-Csv', (& $quote $csv), '-Journal', (& $quote $journal), '-Out', (& $quote $out), '-Log', (& $quote $log))
        $process = Start-Process -FilePath $child.FilePath -ArgumentList ($arguments -join ' ') -PassThru -NoNewWindow `
            -RedirectStandardOutput "$log.stdout" -RedirectStandardError "$log.stderr"
        $null = $process.Handle
        [pscustomobject]@{ Name = $Name; Process = $process; Log = $log }
    }

    function Get-CreatedCount {
        if (-not (Test-Path -LiteralPath $journal)) { return 0 }
        $stream = New-Object IO.FileStream($journal, [IO.FileMode]::Open, [IO.FileAccess]::Read, ([IO.FileShare]::ReadWrite -bor [IO.FileShare]::Delete))
        try { $text = (New-Object IO.StreamReader($stream)).ReadToEnd() } finally { $stream.Dispose() }
        ([regex]::Matches($text, '"type":\s*"created"')).Count
    }

    $runs = @()
    $started = [Diagnostics.Stopwatch]::StartNew()
    foreach ($threshold in $KillAfter) {
        $run = Start-Run ("run{0}" -f ($runs.Count + 1))
        $runs += $run
        $deadline = [DateTime]::UtcNow.AddSeconds($RunTimeoutSeconds)
        while (-not $run.Process.HasExited -and (Get-CreatedCount) -lt $threshold -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        if ($run.Process.HasExited) { Write-Warning "$($run.Name) ended before it could be killed at $threshold created tasks." }
        else {
            $run.Process.Kill()   # SIGKILL on Linux and macOS, TerminateProcess on Windows
            $null = $run.Process.WaitForExit(15000)
            Write-Verbose "$($run.Name) killed at $(Get-CreatedCount) created tasks."
        }
    }
    $last = Start-Run ("run{0}" -f ($runs.Count + 1))
    $runs += $last
    if (-not $last.Process.WaitForExit($RunTimeoutSeconds * 1000)) { $last.Process.Kill(); throw "The last run did not end within $RunTimeoutSeconds s." }
    $elapsed = $started.Elapsed

    # Counting, with the faults off so the counting itself is not disturbed.
    Reset-EmulatorFault -Emulator $emu
    Import-Module $modulePath
    $log = @(Get-EmulatorRequest -Emulator $emu)
    $generates = @($log | Where-Object endpoint -EQ 'generate')
    $created = @($generates | Where-Object { $_.taskId })
    $promptOf = @{}
    foreach ($entry in $created) { $promptOf[$entry.taskId] = (Get-4oImageTask $entry.taskId -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl).Prompt }
    $tasksPerRow = $created | Group-Object { $promptOf[$_.taskId] }
    $paidTwice = @($tasksPerRow | Where-Object Count -GT 1)

    $files = @(Get-ChildItem -LiteralPath $out -File -ErrorAction SilentlyContinue | Where-Object { $_.Extension -in '.png', '.jpg', '.jpeg', '.webp' })
    $savedIndexes = @{}
    foreach ($file in $files) {
        $info = Get-4oImageInfo -LiteralPath $file.FullName
        if (-not $savedIndexes.ContainsKey($info.Prompt)) { $savedIndexes[$info.Prompt] = New-Object 'System.Collections.Generic.HashSet[int]' }
        $null = $savedIndexes[$info.Prompt].Add([int]$info.Index)
    }
    $lastLog = if (Test-Path -LiteralPath $last.Log) { Get-Content -Raw -LiteralPath $last.Log } else { '' }
    $saved = 0; $named = 0; $unaccounted = @()
    for ($i = 1; $i -le $Rows; $i++) {
        $row = $rowList[$i - 1]
        if ($savedIndexes.ContainsKey($row.prompt) -and $savedIndexes[$row.prompt].Count -eq [int]$row.variants) { $saved++; continue }
        # Not saved: the last run must name it, by row number or by one of its task ids.
        $ids = @($created | Where-Object { $promptOf[$_.taskId] -eq $row.prompt } | ForEach-Object taskId)
        $byRow = $lastLog -match ('Row {0} \(' -f $i)
        $byTask = @($ids | Where-Object { $lastLog.Contains($_) }).Count -gt 0
        if ($byRow -or $byTask) { $named++ } else { $unaccounted += $row.prompt }
    }

    $tempLeft = @(Get-ChildItem -LiteralPath $out -Force -File -ErrorAction SilentlyContinue | Where-Object Name -like '*.partial')
    $places = @(Get-ChildItem -LiteralPath $WorkFolder -Recurse -Force -File) | Where-Object { $_.FullName -ne $csv }
    $withKey = @($places | Where-Object { [Text.Encoding]::GetEncoding(28591).GetString([IO.File]::ReadAllBytes($_.FullName)).Contains($emu.ApiKey) })

    $result = [pscustomobject]@{
        Rows                = $Rows
        Images              = ($rowList | Measure-Object -Property variants -Sum).Sum
        Kills               = $KillAfter.Count
        Runs                = $runs.Count
        Seconds             = [math]::Round($elapsed.TotalSeconds, 1)
        GenerateRequests    = $generates.Count
        TasksCreated        = $created.Count
        FaultsInjected      = @($log | Where-Object fault).Count
        RowsSaved           = $saved
        RowsNamedNotSaved   = $named
        RowsUnaccounted     = $unaccounted.Count
        RowsPaidTwice       = $paidTwice.Count
        TempFilesLeft       = $tempLeft.Count
        FilesWithTheKey     = $withKey.Count
        FilesSearched       = @($places).Count
        Unaccounted         = $unaccounted
        PaidTwice           = @($paidTwice | ForEach-Object Name)
        KeyFoundIn          = @($withKey | ForEach-Object FullName)
        WorkFolder          = $WorkFolder
    }
    if ($PassThru) { $result } else { $result | Format-List | Out-String -Width 200 | Write-Output }
}
finally {
    Stop-FourOImageEmulator -Emulator $emu
    if ($savedEnvironment) { $env:FOUROIMAGE_API_KEY, $env:FOUROIMAGE_BASE_URL = $savedEnvironment }
}
