<#
.SYNOPSIS
    Front door for building, testing and demonstrating FourOImage. A thin layer over dotnet.

.DESCRIPTION
    -Task Build   builds src/FourOImage; its MSBuild target (build/Module.targets) assembles out/FourOImage/,
                  the folder you import (psd1, dlls, format file, help).
    -Task Test    Build, `dotnet test FourOImage.sln`, then the Pester suite in a child PowerShell process.
    -Task Pester  only the Pester suite (tests/*.Tests.ps1) in a child PowerShell process, against out/FourOImage.
    -Task Demo    starts the local emulator, runs samples/prompts.csv through
                  Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage and prints where the images are.

    Works in pwsh 7.4+ and, where dotnet is available, in Windows PowerShell 5.1.

.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where -Task Demo writes the images.
    [string] $DemoOutput
)

$ErrorActionPreference = 'Stop'
$RepoRoot = $PSScriptRoot
$ModuleDir = Join-Path $RepoRoot 'out/FourOImage'
$EmulatorProject = Join-Path $RepoRoot 'src/FourOImage.Emulator/FourOImage.Emulator.csproj'

# A simple function (no param block) so options such as -c reach dotnet untouched through $args.
function Invoke-Dotnet {
    Write-Verbose ("dotnet " + ($args -join ' '))
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $RepoRoot 'src/FourOImage/FourOImage.csproj') -c $Configuration -nologo
    Invoke-Dotnet build $EmulatorProject -c $Configuration -nologo
    Write-Output "Module: $ModuleDir"
}

# Start-/Stop-FourOImageEmulator and Find-EmulatorDll (the newest emulator build, built when missing).
. (Join-Path $RepoRoot 'tests/Emulator.ps1')

# The same PowerShell that runs this script (pwsh or powershell.exe) runs Pester, in a fresh process so the
# module under test is loaded into a clean session and released afterwards.
function Get-PowerShellPath {
    return (Get-Process -Id $PID).Path
}

function Invoke-PesterSuite {
    if (-not (Test-Path (Join-Path $ModuleDir 'FourOImage.psd1'))) {
        Invoke-Build
    }
    $env:FOUROIMAGE_TEST_MODULE = Join-Path $ModuleDir 'FourOImage.psd1'
    $env:FOUROIMAGE_TEST_EMULATOR = Find-EmulatorDll -RepoRoot $RepoRoot
    $testsDir = Join-Path $RepoRoot 'tests'
    $resultFile = Join-Path $RepoRoot 'out/TestResults/pester.xml'
    $script = @"
`$ErrorActionPreference = 'Stop'
if (-not (Get-Module -ListAvailable -Name Pester | Where-Object { `$_.Version -ge [version]'5.0.0' })) {
    Install-Module -Name Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module Pester -MinimumVersion 5.0.0
`$config = New-PesterConfiguration
`$config.Run.Path = '$($testsDir -replace "'", "''")'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$($resultFile -replace "'", "''")'
Invoke-Pester -Configuration `$config
"@
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $resultFile)
    & (Get-PowerShellPath) -NoLogo -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) {
        throw "Pester failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-Demo {
    Invoke-Build
    $emulator = Start-FourOImageEmulator -EmulatorDll (Join-Path $RepoRoot "src/FourOImage.Emulator/bin/$Configuration/net10.0/FourOImage.Emulator.dll")
    try {
        if (-not $DemoOutput) {
            $DemoOutput = Join-Path $RepoRoot 'out/demo'
        }
        $csv = Join-Path $RepoRoot 'samples/prompts.csv'
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($ModuleDir -replace "'", "''")/FourOImage.psd1'
Connect-4oImage -ApiKey '$($emulator.ApiKey)' -BaseUrl '$($emulator.ApiBaseUrl)'
Import-Csv '$($csv -replace "'", "''")' | New-4oImage | Wait-4oImageTask | Save-4oImage -Path '$($DemoOutput -replace "'", "''")' |
    Format-Table Name, Length, TaskId, Index, Prompt -AutoSize
"@
        & (Get-PowerShellPath) -NoLogo -NoProfile -NonInteractive -Command $child
        if ($LASTEXITCODE -ne 0) {
            throw "The demo pipeline failed (exit code $LASTEXITCODE)."
        }
        Write-Output "Images are in $DemoOutput"
    }
    finally {
        Stop-FourOImageEmulator -Emulator $emulator
    }
}

Push-Location $RepoRoot
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' {
            Invoke-Build
            Invoke-Dotnet test (Join-Path $RepoRoot 'FourOImage.sln') -c $Configuration -nologo
            Invoke-PesterSuite
        }
        'Pester' { Invoke-PesterSuite }
        'Demo' { Invoke-Demo }
    }
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 1
}
finally {
    Pop-Location
}
