<#
.SYNOPSIS
    Run A of the benchmark: N CSV rows end to end through the real cmdlets in this PowerShell,
    Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage, against the local emulator.

.DESCRIPTION
    Times Import-Module and the pipeline, with every cmdlet's defaults, as a user runs it. Run it in a fresh
    PowerShell so Import-Module is really cold:

        dotnet tool restore
        dotnet pwsh -NoProfile -File bench/pipeline.ps1 [-Rows 100] [-Variants 4] [-GenerationTime 5] [-BandwidthMbps 100]

    On its own it starts the emulator as a child process (tests/Emulator.ps1) with the benchmark's settings: every
    task takes -GenerationTime seconds, the image host's link is -BandwidthMbps shared by all downloads, images are
    copies of 4 pre-rendered pictures (the emulator spends no time rendering), and -EmulatorArgument adds any other
    emulator option. It prints what it measured, the emulator's request counts and the files on disk (checked to be
    complete PNG files, then deleted unless -Path was given).

    bench/FourOImage.Bench runs this script in a child PowerShell for each N with -ApiBaseUrl, -ApiKey, -Path and
    -ResultPath: it owns the emulator (in its own process, so it can read the request log), samples this process's
    memory, checks the files and computes the ideal. See docs/performance.md.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/pipeline.ps1 -Rows 100 -Build

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/pipeline.ps1 -Rows 20 -EmulatorArgument '--task-failure-rate', '0.1'
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)] [int] $Rows = 100,
    [ValidateSet(1, 2, 4)] [int] $Variants = 4,
    # Seconds every task takes in the emulator this script starts (not used with -ApiBaseUrl).
    [ValidateRange(0.1, 600)] [double] $GenerationTime = 5,
    # The emulator's image host link in megabits per second, shared by all downloads (not used with -ApiBaseUrl).
    [ValidateRange(1, 100000)] [double] $BandwidthMbps = 100,
    # More options for the emulator this script starts, e.g. '--task-failure-rate', '0.1' (see docs/emulator.md).
    [string[]] $EmulatorArgument = @(),
    # An emulator that is already running (and warmed up): its API base URL and key. The caller reads its log.
    [string] $ApiBaseUrl,
    [string] $ApiKey,
    # Where the images go. Default: a temporary folder, checked and deleted.
    [string] $Path,
    # Also write the measurement as JSON to this file (for bench/FourOImage.Bench).
    [string] $ResultPath,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    # Build the module (out/FourOImage) and the emulator first.
    [switch] $Build,
    # Hide the progress bars (they are part of what users see, so they are shown by default in a terminal).
    [switch] $NoProgress
)

$ErrorActionPreference = 'Stop'
$RepoRoot = Split-Path -Parent $PSScriptRoot
. (Join-Path $PSScriptRoot 'BenchRun.ps1')
. (Join-Path $RepoRoot 'tests/Emulator.ps1')
$ModulePath = Join-Path $RepoRoot 'out/FourOImage/FourOImage.psd1'
$ownEmulator = -not $ApiBaseUrl
if (-not $ownEmulator -and -not $ApiKey) { throw '-ApiBaseUrl needs -ApiKey.' }
$EmulatorDll = Join-Path $RepoRoot "src/FourOImage.Emulator/bin/$Configuration/net10.0/FourOImage.Emulator.dll"

if ($Build -or -not (Test-Path $ModulePath) -or ($ownEmulator -and -not (Test-Path $EmulatorDll))) {
    foreach ($project in 'src/FourOImage/FourOImage.csproj', 'src/FourOImage.Emulator/FourOImage.Emulator.csproj') {
        & dotnet build (Join-Path $RepoRoot $project) -c $Configuration -nologo | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Building $project failed (exit code $LASTEXITCODE)." }
    }
}

if (Get-Module FourOImage) {
    Write-Warning 'FourOImage is already imported in this session: the import time below is not a cold import. Use pwsh -NoProfile -File.'
}

$importTime = Measure-Command { Import-Module $ModulePath -Force }

$work = Join-Path ([IO.Path]::GetTempPath()) ('fourobench-pwsh-' + [guid]::NewGuid().ToString('n'))
$null = New-Item -ItemType Directory -Path $work
$csv = Join-Path $work 'prompts.csv'
$images = if ($Path) { $Path } else { Join-Path $work 'images' }
$linkBytesPerSecond = [long]($BandwidthMbps * 1000000 / 8)
$emulator = $null
try {
    if ($ownEmulator) {
        $invariant = [cultureinfo]::InvariantCulture
        $emulator = Start-FourOImageEmulator -EmulatorDll $EmulatorDll -ArgumentList (@(
                '--generation-time', $GenerationTime.ToString($invariant),
                '--image-bytes-per-second', $linkBytesPerSecond.ToString($invariant),
                '--distinct-pictures', '4',
                '--credits', '1000000000') + $EmulatorArgument)
        $ApiBaseUrl = $emulator.ApiBaseUrl
        $ApiKey = $emulator.ApiKey
        # Warm the emulator (not the module): its first requests pay its own JIT, which a real service does not.
        $null = Invoke-RestMethod -Uri ($ApiBaseUrl + 'api/v1/chat/credit') -Headers @{ Authorization = "Bearer $ApiKey" }
        Clear-EmulatorRequest -Emulator $emulator
    }

    New-BenchPromptCsv -Path $csv -Rows $Rows -Variants $Variants
    if ($NoProgress) { $ProgressPreference = 'SilentlyContinue' }
    $connection = @{ ApiKey = $ApiKey; BaseUrl = $ApiBaseUrl }

    $measured = Measure-BenchRun {
        Import-Csv -Path $csv |
            New-4oImage @connection |
            Wait-4oImageTask @connection |
            Save-4oImage @connection -Path $images
    }
    $measured | Add-Member -NotePropertyName ImportModuleSeconds -NotePropertyValue $importTime.TotalSeconds
    if ($ResultPath) { Export-BenchResult -Result $measured -Path $ResultPath }

    if ($ownEmulator) {
        $requests = Get-EmulatorRequest -Emulator $emulator
        $perTask = { param($endpoint) [math]::Round(@($requests | Where-Object endpoint -EQ $endpoint).Count / $Rows, 2) }
        $complete = @(Get-ChildItem -Path $images -Filter *.png -File | Where-Object {
                $bytes = [IO.File]::ReadAllBytes($_.FullName)
                $bytes.Length -gt 16 -and $bytes[0] -eq 0x89 -and $bytes[1] -eq 0x50 -and
                [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 8, 4) -eq 'IEND'
            })
        $bytesWritten = [long]($complete | Measure-Object -Property Length -Sum).Sum
        [pscustomobject]@{
            PowerShell                   = $measured.PowerShell
            ImportModuleSeconds          = [math]::Round($importTime.TotalSeconds, 3)
            Rows                         = $Rows
            Images                       = $Rows * $Variants
            PipelineSeconds              = [math]::Round($measured.Seconds, 2)
            # The least the run can take (bench/FourOImage.Bench computes the ideal in full, with the submission
            # window): one task's time, and all bytes at the link's bandwidth.
            GenerationSeconds            = $GenerationTime
            LinkSeconds                  = [math]::Round($bytesWritten / $linkBytesPerSecond, 2)
            GeneratePerTask              = & $perTask 'generate'
            # Generate calls the emulator's submission window refused with 429 (no task): FourOImage paces itself to avoid them.
            GenerateRefusedByWindow      = @($requests | Where-Object { $_.endpoint -eq 'generate' -and $_.limit -eq 'submission-window' }).Count
            RecordInfoPerTask            = & $perTask 'record-info'
            DownloadUrlPerTask           = & $perTask 'download-url'
            ImageRequestsPerTask         = & $perTask 'image'
            FilesEmitted                 = $measured.Objects
            Errors                       = $measured.Errors
            FirstErrors                  = $measured.FirstErrors
            CompleteFilesOnDisk          = $complete.Count
            ImagesLost                   = $Rows * $Variants - $complete.Count
            MegabytesWritten             = [math]::Round($bytesWritten / 1e6, 1)
            AllocatedMB                  = [math]::Round($measured.AllocatedBytes / 1e6, 1)
            PeakWorkingSetMBWholeProcess = [math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1e6, 1)
        }
    }
}
finally {
    if ($emulator) { Stop-FourOImageEmulator -Emulator $emulator }
    Remove-Item -Path $work -Recurse -Force -ErrorAction SilentlyContinue
}
