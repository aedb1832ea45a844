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

    # -Task Test / Pester: the fast lane, for a developer between edits: leaves out the tests tagged Slow (Pester
    # -Tag Slow, xunit [Trait("Category", "Slow")]), which CI runs.
    [switch] $Fast,

    # -Task Test / Pester: how many Pester files run at once, each in a child PowerShell of its own.
    [ValidateRange(1, 64)]
    [int] $ThrottleLimit = [Math]::Max(4, 2 * [Environment]::ProcessorCount),

    # -Task Pester: use out/FourOImage and the emulator as they are built, without building first.
    [switch] $NoBuild,

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
# Seconds each Pester file took in the last full run, to start the slowest first.
$PesterTimes = Join-Path $RepoRoot 'out/TestResults/pester-seconds.json'

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

# A test's name or message as one readable line: ANSI colour codes dropped, line breaks as spaces, any other control
# character shown as \xNN, and at most 400 characters.
function Format-TestText {
    param([string] $Text)
    $plain = [regex]::Replace($Text, '\x1B\[[0-?]*[ -/]*[@-~]', '')
    $plain = [regex]::Replace($plain, '\s*\r?\n\s*', ' ').Trim()
    $plain = [regex]::Replace($plain, '[\x00-\x1F\x7F]', { param($m) '\x{0:X2}' -f [int][char]$m.Value })
    if ($plain.Length -gt 400) { $plain = $plain.Substring(0, 400) + '...' }
    $plain
}

function New-TestCount {
    [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; Failures = [System.Collections.Generic.List[string]]::new() }
}

# The xunit counts from the TRX files. A project without a TRX file, or a TRX file that cannot be read, is a failure
# named in the count, so a run whose results were lost never looks green.
function Get-XunitCount {
    param([string[]] $TrxFiles, [int] $Projects)
    $count = New-TestCount
    foreach ($trx in $TrxFiles) {
        try {
            $run = ([xml](Get-Content -LiteralPath $trx -Raw)).TestRun
            $counters = $run.ResultSummary.Counters
            if (-not $counters) { throw 'it has no ResultSummary counters' }
        }
        catch {
            $count.Failed++
            $count.Failures.Add("xunit results ${trx}: could not be read: $($_.Exception.Message)")
            continue
        }
        $count.Passed += [int]$counters.passed
        $count.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $count.Skipped += [int]$counters.notExecuted
        foreach ($result in @($run.Results.UnitTestResult | Where-Object { $_.outcome -eq 'Failed' })) {
            $count.Failures.Add("$($result.testName): $(([string]$result.Output.ErrorInfo.Message).Trim())")
        }
    }
    if (@($TrxFiles).Count -lt $Projects) {
        $count.Failed++
        $count.Failures.Add("xunit: $Projects test projects but $(@($TrxFiles).Count) TRX result files; dotnet test lost the results of the others (see its output above)")
    }
    $count
}

# Starts `dotnet test` of the solution (built already) in the background, its output going to a log file, so the xunit
# projects run while the Pester files do; Complete-XunitSuite prints the log and counts the TRX files.
function Start-XunitSuite {
    $results = Join-Path $RepoRoot 'out/TestResults/xunit'
    Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $results
    # A hung test must fail the run, not eat CI's time budget. The projects run in parallel (dotnet test's default).
    $arguments = @('test', (Join-Path $RepoRoot 'FourOImage.sln'), '-c', $Configuration, '--no-build', '-nologo',
        '--blame-hang-timeout', '5m', '--logger', 'trx', '--results-directory', $results)
    if ($Fast) { $arguments += '--filter', 'Category!=Slow' }
    $quoted = $arguments | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }
    $xunit = [pscustomobject]@{ Results = $results; Log = Join-Path $results 'dotnet-test.log'; Errors = Join-Path $results 'dotnet-test.err'; Process = $null }
    Write-Output "xunit: dotnet test running in the background ($($xunit.Log))"
    $xunit.Process = Start-Process -FilePath 'dotnet' -ArgumentList $quoted -NoNewWindow -PassThru `
        -RedirectStandardOutput $xunit.Log -RedirectStandardError $xunit.Errors
    $null = $xunit.Process.Handle # keeps the handle, so ExitCode is there once it ends
    $script:Xunit = $xunit
}

function Complete-XunitSuite {
    $xunit = $script:Xunit
    $xunit.Process.WaitForExit()
    Get-Content -LiteralPath $xunit.Log, $xunit.Errors -ErrorAction SilentlyContinue | Write-Output
    $script:XunitExitCode = $xunit.Process.ExitCode
    $trxFiles = @(Get-ChildItem -LiteralPath $xunit.Results -Filter *.trx -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
    $projects = @(Get-ChildItem -Path (Join-Path $RepoRoot 'tests/*/*.csproj')).Count
    $script:XunitCount = Get-XunitCount -TrxFiles $trxFiles -Projects $projects
}

# The Pester files to run, the slowest of the last full run first so the long ones start at once.
function Get-PesterFile {
    $files = if ($PesterPath) {
        foreach ($path in $PesterPath) {
            $item = Get-Item -LiteralPath (Resolve-Path -LiteralPath $path).ProviderPath
            if ($item.PSIsContainer) { Get-ChildItem -LiteralPath $item.FullName -Filter *.Tests.ps1 -File } else { $item }
        }
    }
    else {
        Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'tests') -Filter *.Tests.ps1 -File
    }
    if ($Fast) {
        # A file whose every Describe is tagged Slow has nothing for the fast lane: no PowerShell is started for it.
        $files = @($files | Where-Object {
                $describes = @(Select-String -LiteralPath $_.FullName -Pattern '^\s*Describe\s')
                -not $describes -or @($describes | Where-Object { $_.Line -notmatch '-Tag\s+Slow\b' }).Count -gt 0
            })
    }
    $seconds = @{}
    if (Test-Path -LiteralPath $PesterTimes) {
        (Get-Content -LiteralPath $PesterTimes -Raw | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $seconds[$_.Name] = [double]$_.Value }
    }
    @($files | Sort-Object -Unique FullName | Sort-Object -Descending { if ($seconds.ContainsKey($_.Name)) { $seconds[$_.Name] } else { $_.Length / 1000 } })
}

# Starts one Pester file in a child PowerShell (build/PesterRun.ps1) with its output going to a log file.
function Start-PesterFile {
    param([System.IO.FileInfo] $File, [string] $Folder, [string] $PesterManifest)
    $name = $File.BaseName
    $run = [pscustomobject]@{
        File = $File; Result = Join-Path $Folder "$name.clixml"; Log = Join-Path $Folder "$name.log"
        Errors = Join-Path $Folder "$name.err"; Process = $null; Started = [DateTime]::UtcNow
    }
    # Colours in a terminal, plain text in a log: as Pester itself would choose for a person's run.
    $renderMode = if ([Console]::IsOutputRedirected -or $env:NO_COLOR) { 'Plaintext' } else { 'Ansi' }
    $command = "& $(Format-SingleQuoted (Join-Path $RepoRoot 'build/PesterRun.ps1'))" +
        " -PesterManifest $(Format-SingleQuoted $PesterManifest) -Path $(Format-SingleQuoted $File.FullName)" +
        " -ResultPath $(Format-SingleQuoted $run.Result) -RenderMode $renderMode" +
        $(if ($PesterFilter) { ' -FullNameFilter ' + (($PesterFilter | ForEach-Object { Format-SingleQuoted $_ }) -join ',') }) +
        $(if ($Fast) { ' -ExcludeTag Slow' }) +
        '; exit $LASTEXITCODE'
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($command))
    $child = Get-ChildPowerShell
    $arguments = @($child.Arguments | ForEach-Object { '"' + $_ + '"' }) + @('-NoLogo', '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', $encoded)
    $run.Process = Start-Process -FilePath $child.FilePath -ArgumentList $arguments -NoNewWindow -PassThru `
        -RedirectStandardOutput $run.Log -RedirectStandardError $run.Errors
    $null = $run.Process.Handle # keeps the handle, so ExitCode is there once it ends
    $run
}

# Reads what one finished Pester file wrote, prints its log, and adds it to $Count. A file that wrote no result
# (its PowerShell crashed or could not write) counts as one failure, named with the reason.
function Complete-PesterFile {
    param($Run, $Count, [hashtable] $Seconds)
    $Run.Process.WaitForExit()
    $exitCode = $Run.Process.ExitCode
    Get-Content -LiteralPath $Run.Log -ErrorAction SilentlyContinue | Write-Output
    $errors = @(Get-Content -LiteralPath $Run.Errors -ErrorAction SilentlyContinue | Where-Object { $_ })
    $errors | ForEach-Object { Write-Output $_ }
    $wall = ([DateTime]::UtcNow - $Run.Started).TotalSeconds
    $file = $Run.File.Name
    $result = $null
    try {
        if (Test-Path -LiteralPath $Run.Result) { $result = Import-Clixml -LiteralPath $Run.Result }
    }
    catch {
        $reason = "its result could not be read: $($_.Exception.Message)"
    }
    if (-not $result) {
        if (-not $reason) { $reason = "its PowerShell ended (exit code $exitCode) without writing a result: $(($errors | Select-Object -Last 3) -join ' ')" }
        $Count.Failed++
        $Count.Failures.Add("${file}: $reason")
        Write-Output "Pester: $file wrote no result after $([math]::Round($wall, 1)) s"
        return
    }
    $Count.Passed += $result.Passed
    $Count.Failed += $result.Failed
    $Count.Skipped += $result.Skipped
    foreach ($failure in @($result.Failures)) { if ($failure) { $Count.Failures.Add($failure) } }
    if ($result.Failed -eq 0 -and $exitCode -ne 0) {
        $Count.Failed++
        $Count.Failures.Add("${file}: its PowerShell exited with code $exitCode although no test failed")
    }
    $Seconds[$file] = [math]::Round($wall, 1)
    Write-Output ("Pester: {0}: {1} passed, {2} failed, {3} skipped in {4:0.0} s" -f $file, $result.Passed, $result.Failed, $result.Skipped, $wall)
}

# Every Pester file in a child PowerShell of its own, -ThrottleLimit at a time (the tests mostly wait on emulators
# and child processes, so more files than cores fit), counted together from Pester's result objects.
function Invoke-PesterSuite {
    if (-not $NoBuild) { Invoke-Build }
    $pester = Get-PesterManifest
    $env:FOUROIMAGE_TEST_MODULE = Join-Path $ModuleDir 'FourOImage.psd1'
    $env:FOUROIMAGE_TEST_EMULATOR = Join-Path $RepoRoot "src/FourOImage.Emulator/bin/$Configuration/net10.0/FourOImage.Emulator.dll"
    $files = Get-PesterFile
    # tests/Package.Tests.ps1 installs the release: make it once per run, from this very build.
    if ($files | Where-Object { $_.Name -eq 'Package.Tests.ps1' }) {
        Invoke-Package
        $env:FOUROIMAGE_TEST_PACKAGES = $PackageDir
    }
    # A folder per run, so a run inside a test (tests/Build.Tests.ps1) never touches this one's files; those of runs
    # that were killed before they could clean up go.
    Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'out/TestResults/pester') -Directory -ErrorAction SilentlyContinue |
        Where-Object { -not (Get-Process -Id ($_.Name -as [int]) -ErrorAction SilentlyContinue) } |
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
    $folder = (New-Item -ItemType Directory -Force -Path (Join-Path $RepoRoot "out/TestResults/pester/$PID")).FullName
    $count = New-TestCount
    $seconds = @{}
    Write-Output "Pester: $($files.Count) file(s), each in a PowerShell of its own, $ThrottleLimit at a time$(if ($Fast) { ', without the tests tagged Slow' })"
    $queue = [System.Collections.Generic.Queue[object]]::new()
    $files | ForEach-Object { $queue.Enqueue($_) }
    $running = [System.Collections.Generic.List[object]]::new()
    try {
        while ($queue.Count -gt 0 -or $running.Count -gt 0) {
            while ($queue.Count -gt 0 -and $running.Count -lt $ThrottleLimit) {
                $running.Add((Start-PesterFile -File $queue.Dequeue() -Folder $folder -PesterManifest $pester))
            }
            $done = @($running | Where-Object { $_.Process.HasExited })
            if (-not $done) { Start-Sleep -Milliseconds 200; continue }
            foreach ($run in $done) {
                $null = $running.Remove($run)
                Complete-PesterFile -Run $run -Count $count -Seconds $seconds
            }
        }
    }
    finally {
        foreach ($run in $running) {
            if (-not $run.Process.HasExited) {
                if ($PSVersionTable.PSEdition -eq 'Core') { $run.Process.Kill($true) } else { $run.Process.Kill() }
            }
        }
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
    if (-not $PesterPath -and -not $PesterFilter -and -not $Fast) {
        $seconds | ConvertTo-Json | Set-Content -LiteralPath $PesterTimes
    }
    $script:PesterCount = $count
}

# The closing lines: one "failed:" line per failure, then the counts.
function Write-TestSummary {
    param($Count, $PesterCount, [switch] $PesterOnly)
    $Count.Failures | ForEach-Object { Write-Output "failed: $(Format-TestText $_)" }
    if ($PesterOnly) {
        Write-Output ("tests: {0} passed, {1} failed, {2} skipped (Pester)" -f $Count.Passed, $Count.Failed, $Count.Skipped)
    }
    else {
        Write-Output ("tests: {0} passed, {1} failed, {2} skipped (Pester: {3} passed, {4} failed)" -f
            $Count.Passed, $Count.Failed, $Count.Skipped, $PesterCount.Passed, $PesterCount.Failed)
    }
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
            # The whole solution once, so nothing rebuilds the module while the Pester files use it.
            Invoke-Dotnet build (Join-Path $RepoRoot 'FourOImage.sln') -c $Configuration -nologo
            $NoBuild = $true
            Start-XunitSuite
            try {
                Invoke-PesterSuite
            }
            finally {
                if (-not $script:Xunit.Process.HasExited -and -not $script:PesterCount) {
                    if ($PSVersionTable.PSEdition -eq 'Core') { $script:Xunit.Process.Kill($true) } else { $script:Xunit.Process.Kill() }
                }
            }
            Complete-XunitSuite
            $pesterCount = $script:PesterCount
            $count = New-TestCount
            foreach ($part in $script:XunitCount, $pesterCount) {
                $count.Passed += $part.Passed; $count.Failed += $part.Failed; $count.Skipped += $part.Skipped
                $part.Failures | ForEach-Object { $count.Failures.Add($_) }
            }
            Write-TestSummary -Count $count -PesterCount $pesterCount
            if ($count.Failed -gt 0) { throw "$($count.Failed) test(s) failed." }
            if ($script:XunitExitCode -ne 0) { throw "dotnet test failed (exit code $($script:XunitExitCode))." }
            if ($count.Passed -eq 0) { throw 'No test ran.' }
        }
        'Pester' {
            Invoke-PesterSuite
            $pesterCount = $script:PesterCount
            Write-TestSummary -Count $pesterCount -PesterOnly
            if ($pesterCount.Failed -gt 0) { throw "$($pesterCount.Failed) Pester test(s) failed." }
            if ($pesterCount.Passed -eq 0) { throw 'No Pester test ran.' }
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
