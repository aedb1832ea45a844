<#
.SYNOPSIS
    Times the real cmdlet pipeline against the local emulator: Import-Module, then N CSV rows end to end through
    Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage.

.DESCRIPTION
    The C# benchmark (bench/FourOImage.Bench) drives the same Core operations without PowerShell; this script measures
    what a PowerShell user feels, cmdlet binding and the pipeline thread included. It needs pwsh 7.4+ (or Windows
    PowerShell 5.1 with the .NET 10 SDK for the emulator) and a built module in out/FourOImage.

    Run it in a fresh session, so Import-Module is really timed:
        pwsh -NoProfile -File bench/pipeline.ps1 [-Rows 100] [-Variants 4] [-GenerationTime 5] [-BandwidthMbps 100] [-Build] [-NoProgress]

    Not run on the machine the C# numbers in docs/performance.md come from: it has no PowerShell.

    The emulator runs as a child process (tests/Emulator.ps1's Start-FourOImageEmulator) with the benchmark's
    settings: every task takes
    -GenerationTime seconds, the image host's link is -BandwidthMbps shared by all downloads, and images are copies of
    4 pre-rendered pictures so the emulator spends no time rendering. Images go to a temporary folder, which is
    checked (complete PNG files) and deleted.

.EXAMPLE
    pwsh -NoProfile -File bench/pipeline.ps1 -Build
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 10000)] [int] $Rows = 100,
    [ValidateSet(1, 2, 4)] [int] $Variants = 4,
    [ValidateRange(0.1, 600)] [double] $GenerationTime = 5,
    [ValidateRange(1, 100000)] [double] $BandwidthMbps = 100,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    # Build the module (out/FourOImage) and the emulator first.
    [switch] $Build,
    # Hide the progress bars (they are part of what users see, so they are shown by default).
    [switch] $NoProgress
)

$ErrorActionPreference = 'Stop'
$RepoRoot = Split-Path -Parent $PSScriptRoot
$ModulePath = Join-Path $RepoRoot 'out/FourOImage/FourOImage.psd1'
$EmulatorDll = Join-Path $RepoRoot "src/FourOImage.Emulator/bin/$Configuration/net10.0/FourOImage.Emulator.dll"

if ($Build -or -not (Test-Path $ModulePath) -or -not (Test-Path $EmulatorDll)) {
    & dotnet build (Join-Path $RepoRoot 'src/FourOImage/FourOImage.csproj') -c $Configuration -nologo
    if ($LASTEXITCODE -ne 0) { throw "Building the module failed (exit code $LASTEXITCODE)." }
    & dotnet build (Join-Path $RepoRoot 'src/FourOImage.Emulator/FourOImage.Emulator.csproj') -c $Configuration -nologo
    if ($LASTEXITCODE -ne 0) { throw "Building the emulator failed (exit code $LASTEXITCODE)." }
}

if (Get-Module FourOImage) {
    Write-Warning 'FourOImage is already imported in this session: the import time below is not a cold import. Use pwsh -NoProfile -File.'
}

$importTime = Measure-Command { Import-Module $ModulePath -Force }

. (Join-Path $RepoRoot 'tests/Emulator.ps1')
$linkBytesPerSecond = [long]($BandwidthMbps * 1000000 / 8)
$emulatorArguments = @(
    '--generation-time', [string]::Format([cultureinfo]::InvariantCulture, '{0}', $GenerationTime),
    '--image-bytes-per-second', [string]$linkBytesPerSecond,
    '--distinct-pictures', '4',
    '--credits', '1000000000'
)

$work = Join-Path ([IO.Path]::GetTempPath()) ("fourobench-pwsh-" + [guid]::NewGuid().ToString('n'))
$null = New-Item -ItemType Directory -Path $work
$csv = Join-Path $work 'prompts.csv'
$images = Join-Path $work 'images'
$emulator = $null
try {
    $emulator = Start-FourOImageEmulator -EmulatorDll $EmulatorDll -ArgumentList $emulatorArguments
    1..$Rows | ForEach-Object {
        [pscustomobject]@{
            prompt   = "Benchmark prompt $($_): a lighthouse on a cliff at dusk, watercolor, soft light"
            size     = '1:1'
            variants = $Variants
        }
    } | Export-Csv -Path $csv -NoTypeInformation -Encoding utf8

    # Warm the emulator (not the module): its first requests pay its own JIT, which a real service does not.
    $headers = @{ Authorization = "Bearer $($emulator.ApiKey)" }
    $null = Invoke-RestMethod -Uri ($emulator.ApiBaseUrl + 'api/v1/chat/credit') -Headers $headers
    Clear-EmulatorRequest -Emulator $emulator

    if ($NoProgress) { $ProgressPreference = 'SilentlyContinue' }
    $connection = @{ ApiKey = $emulator.ApiKey; BaseUrl = $emulator.ApiBaseUrl }
    $saved = $null
    $pipelineTime = Measure-Command {
        $saved = @(Import-Csv -Path $csv |
            New-4oImage @connection |
            Wait-4oImageTask @connection |
            Save-4oImage @connection -Path $images)
    }

    $requests = Get-EmulatorRequest -Emulator $emulator
    $complete = @(Get-ChildItem -Path $images -Filter *.png -File | Where-Object {
            $bytes = [IO.File]::ReadAllBytes($_.FullName)
            $bytes.Length -gt 16 -and $bytes[0] -eq 0x89 -and $bytes[1] -eq 0x50 -and
            [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 8, 4) -eq 'IEND'
        })
    $bytesWritten = ($complete | Measure-Object -Property Length -Sum).Sum
    $ideal = $GenerationTime + $bytesWritten / $linkBytesPerSecond
    $perTask = { param($endpoint) [math]::Round(@($requests | Where-Object endpoint -EQ $endpoint).Count / $Rows, 2) }

    [pscustomobject]@{
        ImportModuleSeconds   = [math]::Round($importTime.TotalSeconds, 3)
        Rows                  = $Rows
        Images                = $Rows * $Variants
        PipelineSeconds       = [math]::Round($pipelineTime.TotalSeconds, 2)
        IdealSeconds          = [math]::Round($ideal, 2)
        WallToIdeal           = [math]::Round($pipelineTime.TotalSeconds / $ideal, 2)
        GeneratePerTask       = & $perTask 'generate'
        RecordInfoPerTask     = & $perTask 'record-info'
        DownloadUrlPerTask    = & $perTask 'download-url'
        ImageRequestsPerTask  = & $perTask 'image'
        FilesEmitted          = $saved.Count
        CompleteFilesOnDisk   = $complete.Count
        ImagesLost            = $Rows * $Variants - $complete.Count
        MegabytesWritten      = [math]::Round($bytesWritten / 1e6, 1)
        PeakWorkingSetMBWholeProcess = [math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1e6, 1)
        PowerShell            = $PSVersionTable.PSVersion.ToString()
    }
}
finally {
    if ($emulator) { Stop-FourOImageEmulator -Emulator $emulator }
    Remove-Item -Path $work -Recurse -Force -ErrorAction SilentlyContinue
}
