<#
.SYNOPSIS
    Front door for building, testing and demonstrating FourOImage. A thin layer over dotnet.

.DESCRIPTION
    -Task Build   builds src/FourOImage; its MSBuild target (build/Module.targets) assembles out/FourOImage/,
                  the folder you import (psd1, dlls, format file, help).
    -Task Test    Build, `dotnet test FourOImage.sln`, then the Pester suite in a child PowerShell process; ends with
                  one line counting both suites: "tests: N passed, N failed, N skipped (Pester: ...)".
    -Task Pester  only the Pester suite (tests/*.Tests.ps1, or -PesterPath) in a child PowerShell process, against
                  out/FourOImage. Pester comes from NuGet (build/pester/Pester.csproj) into out/tools/.
    -Task Demo    starts the local emulator, runs samples/prompts.csv through
                  Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage (build/Demo.ps1) and prints a summary
                  that fits the window (plain text in 80 columns when the output is redirected) and where the
                  images are.
    -Task Package makes a release in out/packages/: FourOImage.<version>.nupkg (the module, through PSResourceGet's
                  Compress-PSResource, which ships with PowerShell 7.4+) and FourOImage.Emulator.<version>.nupkg (the
                  emulator as a .NET tool, command fouroimage-emulator), both at the <Version> of Directory.Build.props.
                  The manifest's ReleaseNotes come from CHANGELOG.md; -ProjectUri and -LicenseUri are written into
                  it (and the project address into the tool's package) only when given.

    Works in pwsh 7.4+ (installed, or as the local .NET tool: `dotnet tool restore && dotnet pwsh ./build.ps1`) and,
    where dotnet is available, in Windows PowerShell 5.1. Child PowerShells are started from $PSHOME
    (build/ChildPowerShell.ps1), so they are the same PowerShell as the one running this script.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    ./build.ps1 -Task Pester -PesterPath tests/Journal.Tests.ps1

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package -ProjectUri https://example.org/FourOImage -LicenseUri https://example.org/FourOImage/LICENSE
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where -Task Demo writes the images.
    [string] $DemoOutput,

    # -Task Pester: only these test files (default: every tests/*.Tests.ps1).
    [string[]] $PesterPath,

    # -Task Pester: only tests whose full name matches one of these wildcards (Pester's Filter.FullName).
    [string[]] $PesterFilter,

    # -Task Package: the project's real address, for the manifest's ProjectUri and the tool package's project URL.
    [uri] $ProjectUri,

    # -Task Package: the license's real address, for the manifest's LicenseUri.
    [uri] $LicenseUri
)

$ErrorActionPreference = 'Stop'
$RepoRoot = $PSScriptRoot
$ModuleDir = Join-Path $RepoRoot 'out/FourOImage'
$EmulatorProject = Join-Path $RepoRoot 'src/FourOImage.Emulator/FourOImage.Emulator.csproj'
$PackageDir = Join-Path $RepoRoot 'out/packages'

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
# Get-ChildPowerShell / Invoke-ChildPowerShell: a fresh PowerShell of the same kind as this one, found from $PSHOME.
. (Join-Path $RepoRoot 'build/ChildPowerShell.ps1')

# Pester comes from NuGet like every other package: build/pester/Pester.csproj downloads it into out/tools/.
# No PowerShell Gallery and no Install-Module: they need the internet and write into the user's profile.
function Get-PesterManifest {
    $project = Join-Path $RepoRoot 'build/pester/Pester.csproj'
    $version = ([xml](Get-Content -LiteralPath $project -Raw)).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
    $manifest = Join-Path $RepoRoot "out/tools/pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        Invoke-Dotnet restore $project -nologo | Out-Host
    }
    return $manifest
}

# A string as a single-quoted PowerShell literal, for the scripts the child PowerShells run.
function Format-SingleQuoted {
    param([string] $Text)
    "'" + ($Text -replace "'", "''") + "'"
}

function Get-TestCount {
    param([string[]] $TrxFiles, [string] $PesterResult)
    $count = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0; Failures = [System.Collections.Generic.List[string]]::new() }
    foreach ($trx in $TrxFiles) {
        $run = ([xml](Get-Content -LiteralPath $trx -Raw)).TestRun
        $counters = $run.ResultSummary.Counters
        $count.Passed += [int]$counters.passed
        $count.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $count.Skipped += [int]$counters.notExecuted
        foreach ($result in @($run.Results.UnitTestResult | Where-Object { $_.outcome -eq 'Failed' })) {
            $count.Failures.Add("$($result.testName): $(([string]$result.Output.ErrorInfo.Message).Trim())")
        }
    }
    if ($PesterResult -and (Test-Path -LiteralPath $PesterResult)) {
        $run = Import-Clixml -LiteralPath $PesterResult
        $count.Passed += $run.Passed
        $count.Failed += $run.Failed
        $count.Skipped += $run.Skipped
        foreach ($failure in @($run.Failures)) { if ($failure) { $count.Failures.Add($failure) } }
    }
    return [pscustomobject]$count
}

function Invoke-XunitSuite {
    $results = Join-Path $RepoRoot 'out/TestResults/xunit'
    Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction SilentlyContinue
    # A hung test must fail the run, not eat CI's time budget.
    & dotnet test (Join-Path $RepoRoot 'FourOImage.sln') -c $Configuration -nologo --blame-hang-timeout 5m `
        --logger 'trx' --results-directory $results
    $script:XunitExitCode = $LASTEXITCODE
    $script:TrxFiles = @(Get-ChildItem -LiteralPath $results -Filter *.trx -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
}

function Invoke-PesterSuite {
    Invoke-Build
    $pester = Get-PesterManifest
    $env:FOUROIMAGE_TEST_MODULE = Join-Path $ModuleDir 'FourOImage.psd1'
    $env:FOUROIMAGE_TEST_EMULATOR = Join-Path $RepoRoot "src/FourOImage.Emulator/bin/$Configuration/net10.0/FourOImage.Emulator.dll"
    $paths = if ($PesterPath) { @($PesterPath | ForEach-Object { (Resolve-Path -LiteralPath $_).ProviderPath }) } else { @(Join-Path $RepoRoot 'tests') }
    # tests/Package.Tests.ps1 installs the release: make it once per run, from this very build.
    if (-not $PesterPath -or ($paths | Where-Object { (Split-Path $_ -Leaf) -eq 'Package.Tests.ps1' })) {
        Invoke-Package
        $env:FOUROIMAGE_TEST_PACKAGES = $PackageDir
    }
    $resultDir = Join-Path $RepoRoot 'out/TestResults'
    $script:PesterResult = Join-Path $resultDir 'pester-count.clixml'
    $null = New-Item -ItemType Directory -Force -Path $resultDir
    Remove-Item -LiteralPath $script:PesterResult -Force -ErrorAction SilentlyContinue
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module $(Format-SingleQuoted $pester)
`$config = New-PesterConfiguration
`$config.Run.Path = @($(($paths | ForEach-Object { Format-SingleQuoted $_ }) -join ', '))
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = $(Format-SingleQuoted (Join-Path $resultDir 'pester.xml'))
$(if ($PesterFilter) { "`$config.Filter.FullName = @($(($PesterFilter | ForEach-Object { Format-SingleQuoted $_ }) -join ', '))" })
`$run = Invoke-Pester -Configuration `$config
# The failures again at the end, so the last lines of a long log say what failed and why.
`$failures = @(@(`$run.Failed) + @(`$run.FailedBlocks) + @(`$run.FailedContainers) | Where-Object { `$_ } | ForEach-Object {
    `$what = if (`$_.ExpandedPath) { `$_.ExpandedPath } elseif (`$_.Item) { [string]`$_.Item } else { [string]`$_.Name }
    `$why = @(`$_.ErrorRecord | ForEach-Object { `$_.ToString() }) -join ' | '
    if (`$why.Length -gt 400) { `$why = `$why.Substring(0, 400) + '...' }
    "`${what}: `$why"
})
[pscustomobject]@{ Passed = `$run.PassedCount; Failed = `$run.FailedCount + `$run.FailedBlocksCount + `$run.FailedContainersCount; Skipped = `$run.SkippedCount + `$run.NotRunCount; Failures = `$failures } |
    Export-Clixml -LiteralPath $(Format-SingleQuoted $script:PesterResult)
if (`$run.Result -ne 'Passed') { exit 1 }
"@
    Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $script
    $script:PesterExitCode = $LASTEXITCODE
}

# The one version of the module and the emulator.
function Get-ProductVersion {
    $props = [xml](Get-Content -LiteralPath (Join-Path $RepoRoot 'Directory.Build.props') -Raw)
    return @($props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ })[0]
}

# out/packages/: the module through PSResourceGet, the emulator as a .NET tool, both at one version.
function Invoke-Package {
    if ($Configuration -ne 'Release') {
        throw '-Task Package makes a release from out/FourOImage, which only a Release build assembles: use -Configuration Release.'
    }
    $addresses = @()
    foreach ($address in @{ ProjectUri = $ProjectUri; LicenseUri = $LicenseUri }.GetEnumerator()) {
        if ($address.Value) {
            if (-not $address.Value.IsAbsoluteUri -or $address.Value.Scheme -ne 'https') {
                throw "-$($address.Key) must be an absolute https address; '$($address.Value)' is not."
            }
            $addresses += "-p:$($address.Key)=$($address.Value.AbsoluteUri)"
        }
    }
    $version = Get-ProductVersion
    $null = New-Item -ItemType Directory -Force -Path $PackageDir
    Get-ChildItem -LiteralPath $PackageDir -Filter 'FourOImage*.nupkg' | Remove-Item -Force

    Invoke-Dotnet build (Join-Path $RepoRoot 'src/FourOImage/FourOImage.csproj') -c Release -nologo @addresses
    Invoke-Dotnet pack $EmulatorProject -c Release -nologo -o $PackageDir @addresses
    Compress-ModulePackage

    $packages = @("FourOImage.$version.nupkg", "FourOImage.Emulator.$version.nupkg") | ForEach-Object { Join-Path $PackageDir $_ }
    foreach ($package in $packages) {
        if (-not (Test-Path -LiteralPath $package)) {
            throw "Packaging did not produce $package."
        }
    }
    Write-ChangelogWarning -Version $version
    $packages | ForEach-Object { Write-Output "Package: $_" }
}

# Compress-PSResource validates the manifest and packs out/FourOImage as PSResourceGet would publish it. It runs in a
# child PowerShell whose PSResourceGet settings folder is under out/ (XDG_DATA_HOME on Linux), not in the profile.
function Compress-ModulePackage {
    $script = @"
`$ErrorActionPreference = 'Stop'
if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet)) {
    throw 'Packaging the module needs PSResourceGet (Microsoft.PowerShell.PSResourceGet), which ships with PowerShell 7.4 and later.'
}
`$warnings = @()
`$null = Test-ModuleManifest -Path $(Format-SingleQuoted (Join-Path $ModuleDir 'FourOImage.psd1')) -WarningVariable +warnings
Compress-PSResource -Path $(Format-SingleQuoted $ModuleDir) -DestinationPath $(Format-SingleQuoted $PackageDir) -WarningVariable +warnings
if (`$warnings) { throw ('Packaging the module warned: ' + (`$warnings -join ' ')) }
"@
    $saved = $env:XDG_DATA_HOME
    # .NET ignores a folder that does not exist (and PSResourceGet then writes beside the current directory).
    $env:XDG_DATA_HOME = (New-Item -ItemType Directory -Force -Path (Join-Path $RepoRoot 'out/tmp/psresourceget')).FullName
    try {
        Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $script
        if ($LASTEXITCODE -ne 0) {
            throw "Compress-PSResource failed (exit code $LASTEXITCODE)."
        }
    }
    finally {
        $env:XDG_DATA_HOME = $saved
    }
}

# A release's notes are its own CHANGELOG.md section; changes listed only under Unreleased are not in them.
function Write-ChangelogWarning([string] $Version) {
    $changelog = Get-Content -LiteralPath (Join-Path $RepoRoot 'CHANGELOG.md') -Raw
    $unreleased = [regex]::Match($changelog, '(?ms)^## \[Unreleased\][^\n]*\n(.*?)(?=^## \[|\z)').Groups[1].Value
    $hasOwnSection = [regex]::IsMatch($changelog, '(?m)^## \[' + [regex]::Escape($Version) + '\]')
    if ($hasOwnSection -and $unreleased -match '(?m)^\s*[-*] ') {
        Write-Warning ("CHANGELOG.md lists changes under Unreleased that the release notes of $Version do not have. Before " +
            'publishing, raise <Version> in Directory.Build.props and move them under a section of that version.')
    }
}

function Invoke-Demo {
    Invoke-Build
    $emulator = Start-FourOImageEmulator -EmulatorDll (Join-Path $RepoRoot "src/FourOImage.Emulator/bin/$Configuration/net10.0/FourOImage.Emulator.dll")
    try {
        if (-not $DemoOutput) {
            $DemoOutput = Join-Path $RepoRoot 'out/demo'
        }
        # Plain text (no colours, 80 columns) when this script's output goes to a file or a pipe, or NO_COLOR is set.
        $plain = [Console]::IsOutputRedirected -or [bool]$env:NO_COLOR
        $demoArguments = @(
            '-File', (Join-Path $RepoRoot 'build/Demo.ps1'),
            '-ModulePath', (Join-Path $ModuleDir 'FourOImage.psd1'),
            '-ApiKey', $emulator.ApiKey,
            '-BaseUrl', $emulator.ApiBaseUrl,
            '-Csv', (Join-Path $RepoRoot 'samples/prompts.csv'),
            '-OutFolder', $DemoOutput
        ) + @(if ($plain) { '-PlainText' })
        Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive @demoArguments
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
            Invoke-XunitSuite
            Invoke-PesterSuite
            $count = Get-TestCount -TrxFiles $script:TrxFiles -PesterResult $script:PesterResult
            $pesterCount = Get-TestCount -PesterResult $script:PesterResult
            $count.Failures | ForEach-Object { Write-Output "failed: $_" }
            Write-Output ("tests: {0} passed, {1} failed, {2} skipped (Pester: {3} passed, {4} failed)" -f
                $count.Passed, $count.Failed, $count.Skipped, $pesterCount.Passed, $pesterCount.Failed)
            if ($script:XunitExitCode -ne 0) { throw "dotnet test failed (exit code $($script:XunitExitCode))." }
            if ($script:PesterExitCode -ne 0) { throw "Pester failed (exit code $($script:PesterExitCode))." }
            if ($count.Passed -eq 0) { throw 'No test ran.' }
        }
        'Pester' {
            Invoke-PesterSuite
            $count = Get-TestCount -PesterResult $script:PesterResult
            $count.Failures | ForEach-Object { Write-Output "failed: $_" }
            Write-Output ("tests: {0} passed, {1} failed, {2} skipped (Pester)" -f $count.Passed, $count.Failed, $count.Skipped)
            if ($script:PesterExitCode -ne 0) { throw "Pester failed (exit code $($script:PesterExitCode))." }
        }
        'Demo' { Invoke-Demo }
        'Package' { Invoke-Package }
    }
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 1
}
finally {
    Pop-Location
}
