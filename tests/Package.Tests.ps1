#Requires -Version 7.4
# Pester 5: the release `build.ps1 -Task Package` leaves in out/packages, installed as a user installs it. The module
# goes in by name from out/packages registered as a PSResourceGet repository, the emulator with `dotnet tool install`,
# and the README's emulator quick start runs against the installed tool with the module imported by name. Everything
# is installed under a folder of TestDrive (a temporary folder): the child processes get their profile, PowerShell,
# PSResourceGet and NuGet folders there. build.ps1 makes the packages once per run before the Pester suite.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $packages = if ($env:FOUROIMAGE_TEST_PACKAGES) { $env:FOUROIMAGE_TEST_PACKAGES } else { Join-Path $repoRoot 'out/packages' }
    $props = [xml](Get-Content -LiteralPath (Join-Path $repoRoot 'Directory.Build.props') -Raw)
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ })[0]
    $modulePackage = Join-Path $packages "FourOImage.$version.nupkg"
    $toolPackage = Join-Path $packages "FourOImage.Emulator.$version.nupkg"
    if (-not (Test-Path -LiteralPath $modulePackage) -or -not (Test-Path -LiteralPath $toolPackage)) {
        throw "No release of $version in ${packages}: run ./build.ps1 -Task Package (-Task Test and -Task Pester make it first)."
    }

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    function Get-PackageEntry([string] $Package, [string] $Name) {
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $entry = $zip.Entries | Where-Object FullName -EQ $Name
            if (-not $entry) { return $null }
            $reader = [IO.StreamReader]::new($entry.Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    function Get-PackageText([string] $Package) {
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            foreach ($entry in $zip.Entries | Where-Object { $_.FullName -match '\.(psd1|nuspec|xml|txt|json|md|ps1xml)$' }) {
                $reader = [IO.StreamReader]::new($entry.Open())
                try { [pscustomobject]@{ Name = $entry.FullName; Text = $reader.ReadToEnd() } } finally { $reader.Dispose() }
            }
        }
        finally { $zip.Dispose() }
    }

    # The section of CHANGELOG.md the manifest's ReleaseNotes come from: this version's, else Unreleased.
    function Get-ChangelogSection([string] $Version) {
        $changelog = Get-Content -LiteralPath (Join-Path $repoRoot 'CHANGELOG.md') -Raw
        foreach ($heading in [regex]::Escape($Version), 'Unreleased') {
            $match = [regex]::Match($changelog, "(?ms)^## \[$heading\][^\n]*\n(.*?)(?=^## \[|\z)")
            if ($match.Success) { return $match.Groups[1].Value.Trim() }
        }
    }

    # Runs a script in a child PowerShell whose home, profile, module, PSResourceGet and NuGet folders are all in
    # $Sandbox, so nothing it installs lands anywhere else. Returns its output lines; $LASTEXITCODE is its exit code.
    function Invoke-InSandbox([string] $Sandbox, [string] $Script) {
        # The XDG folders as HOME would have them: PSResourceGet installs under HOME, PowerShell looks under XDG_DATA_HOME.
        $folders = [ordered]@{
            HOME = 'home'; USERPROFILE = 'home'; XDG_DATA_HOME = 'home/.local/share'; XDG_CONFIG_HOME = 'home/.config'
            XDG_CACHE_HOME = 'home/.cache'; LOCALAPPDATA = 'localappdata'; APPDATA = 'appdata'; NUGET_PACKAGES = 'nuget-packages'
            DOTNET_CLI_HOME = 'dotnet-home'
        }
        $saved = @{}
        foreach ($name in @($folders.Keys) + 'PSModulePath', 'DOTNET_ROOT') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            foreach ($name in $folders.Keys) {
                $path = Join-Path $Sandbox $folders[$name]
                $null = New-Item -ItemType Directory -Force -Path $path
                [Environment]::SetEnvironmentVariable($name, $path)
            }
            # The child works out its own module path from the folders above ($PSHOME's modules included).
            [Environment]::SetEnvironmentVariable('PSModulePath', $null)
            if (-not $saved.DOTNET_ROOT) {
                # Where the installed tool's launcher finds the .NET runtime: the folder of the dotnet on PATH.
                $dotnet = (Get-Command dotnet).Source
                $target = [IO.File]::ResolveLinkTarget($dotnet, $true)
                [Environment]::SetEnvironmentVariable('DOTNET_ROOT', (Split-Path ($target ? $target.FullName : $dotnet) -Parent))
            }
            $ErrorActionPreference = 'Continue'
            Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $Script 2>&1 | ForEach-Object { "$_" }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
}

Describe 'The release in out/packages' -Tag Slow {
    It 'holds the module and the emulator tool, both at the version of Directory.Build.props' {
        $moduleSpec = [xml](Get-PackageEntry $modulePackage 'FourOImage.nuspec')
        $moduleSpec.package.metadata.id | Should -Be 'FourOImage'
        $moduleSpec.package.metadata.version | Should -Be $version
        (Get-PackageEntry $modulePackage 'FourOImage.psd1') | Should -Match "ModuleVersion\s*=\s*'$([regex]::Escape($version))'"
        (Get-PackageEntry $modulePackage 'FourOImage.dll') | Should -Not -BeNullOrEmpty

        $toolSpec = [xml](Get-PackageEntry $toolPackage 'FourOImage.Emulator.nuspec')
        $toolSpec.package.metadata.id | Should -Be 'FourOImage.Emulator'
        $toolSpec.package.metadata.version | Should -Be $version
        $toolSpec.package.metadata.packageTypes.packageType.name | Should -Be 'DotnetTool'
        $settings = [xml](Get-PackageEntry $toolPackage 'tools/net10.0/any/DotnetToolSettings.xml')
        $settings.DotNetCliTool.Commands.Command.Name | Should -Be 'fouroimage-emulator'
        $runtime = (Get-PackageEntry $toolPackage 'tools/net10.0/any/FourOImage.Emulator.runtimeconfig.json') | ConvertFrom-Json
        @($runtime.runtimeOptions.frameworks.name) | Should -Contain 'Microsoft.AspNetCore.App'
    }

    It 'has nothing made up: release notes from CHANGELOG.md, and no project or license address it was not given' {
        $folder = Join-Path $TestDrive 'manifest'
        $null = New-Item -ItemType Directory -Force -Path $folder
        Set-Content -LiteralPath (Join-Path $folder 'FourOImage.psd1') -Value (Get-PackageEntry $modulePackage 'FourOImage.psd1')
        $psData = (Import-PowerShellDataFile -LiteralPath (Join-Path $folder 'FourOImage.psd1')).PrivateData.PSData
        $notes = Get-ChangelogSection $version
        $notes | Should -Not -BeNullOrEmpty
        ($psData.ReleaseNotes -replace "`r", '') | Should -Be ($notes -replace "`r", '')
        $psData.Keys | Should -Not -Contain 'ProjectUri'
        $psData.Keys | Should -Not -Contain 'LicenseUri'

        $moduleSpec = [xml](Get-PackageEntry $modulePackage 'FourOImage.nuspec')
        $moduleSpec.package.metadata.projectUrl | Should -BeNullOrEmpty
        $moduleSpec.package.metadata.licenseUrl | Should -BeNullOrEmpty
        ($moduleSpec.package.metadata.releaseNotes -replace "`r", '') | Should -Be ($notes -replace "`r", '')
        ([xml](Get-PackageEntry $toolPackage 'FourOImage.Emulator.nuspec')).package.metadata.projectUrl | Should -BeNullOrEmpty

        # The project has no public address, so no shipped text may claim one (a GitHub page, a FourOImage host);
        # the service's hosts, the emulator's loopback URLs and placeholders such as proxy.corp.example are fine.
        foreach ($file in @(Get-PackageText $modulePackage) + @(Get-PackageText $toolPackage)) {
            foreach ($url in [regex]::Matches($file.Text, 'https?://[^\s''"<>)\]`]+').Value) {
                $url | Should -Not -Match '(?i)github\.com|gitlab\.com|^https?://([^/]*\.)?fouroimage\.' -Because "$($file.Name) must not ship a made-up address"
            }
        }
    }

    It 'passes Test-ModuleManifest and publishes cleanly to a local PSResourceGet repository' {
        $sandbox = Join-Path $TestDrive 'publish'
        $feed = Join-Path $sandbox 'feed'
        $null = New-Item -ItemType Directory -Force -Path $feed
        $moduleFolder = Join-Path $repoRoot 'out/FourOImage'
        $output = Invoke-InSandbox $sandbox @"
`$ErrorActionPreference = 'Stop'
`$warnings = @()
`$null = Test-ModuleManifest -Path $(& $quote (Join-Path $moduleFolder 'FourOImage.psd1')) -WarningVariable +warnings
Register-PSResourceRepository -Name FourOImagePublishTest -Uri $(& $quote $feed) -Trusted
try {
    Publish-PSResource -Path $(& $quote $moduleFolder) -Repository FourOImagePublishTest -WarningVariable +warnings
    (Find-PSResource -Name FourOImage -Repository FourOImagePublishTest).Version.ToString()
}
finally { Unregister-PSResourceRepository -Name FourOImagePublishTest }
'WARNINGS ' + @(`$warnings).Count
"@
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain $version
        $output | Should -Contain 'WARNINGS 0'
        Test-Path -LiteralPath (Join-Path $feed "FourOImage.$version.nupkg") | Should -BeTrue
    }

    It 'installs by name and runs the README emulator quick start through the installed module and emulator tool' {
        # The quick start as the README shows it: the tool's command line and the PowerShell that uses it.
        $readme = Get-Content -LiteralPath (Join-Path $repoRoot 'README.md') -Raw
        $section = [regex]::Match($readme, '(?ms)^## Quick start on the emulator\s*$(.*?)(?=^## )').Groups[1].Value
        $toolLine = [regex]::Match($section, '(?m)^fouroimage-emulator (.+)$').Groups[1].Value.Trim()
        $quickStart = [regex]::Match($section, '(?ms)^```powershell\s*$(.*?)^```').Groups[1].Value
        $toolLine | Should -Match '--urls (\S+)'
        $readmeUrl = ([regex]::Match($toolLine, '--urls (\S+)').Groups[1].Value).TrimEnd('/') + '/'
        $toolArguments = @(($toolLine -replace '--urls \S+', '').Trim() -split '\s+' | Where-Object { $_ })
        $quickStart | Should -Match ([regex]::Escape($readmeUrl))
        $quickStart | Should -Match '(?m)^Import-Module FourOImage\s*$'

        $sandbox = Join-Path $TestDrive 'install'
        $work = Join-Path $sandbox 'work'
        $null = New-Item -ItemType Directory -Force -Path $work
        $output = Invoke-InSandbox $sandbox @"
`$ErrorActionPreference = 'Stop'
`$sandbox = $(& $quote $sandbox)
`$packages = $(& $quote $packages)

# The module, by name, from the release folder registered as a repository (Install-PSResource puts it in the
# current user's module folder, which the sandbox's HOME makes a temporary one; on Windows that folder is Documents,
# so there it is saved into a temporary module folder instead).
Register-PSResourceRepository -Name FourOImageRelease -Uri `$packages -Trusted
try {
    if (`$IsWindows) {
        Save-PSResource -Name FourOImage -Version $(& $quote $version) -Repository FourOImageRelease -Path (Join-Path `$sandbox 'modules') -TrustRepository -IncludeXml
        `$env:PSModulePath = (Join-Path `$sandbox 'modules') + [IO.Path]::PathSeparator + `$env:PSModulePath
    }
    else {
        Install-PSResource -Name FourOImage -Version $(& $quote $version) -Repository FourOImageRelease -Scope CurrentUser -TrustRepository
    }
}
finally { Unregister-PSResourceRepository -Name FourOImageRelease }

# The emulator, as a .NET tool from the release folder only (no other feed: no internet).
`$config = Join-Path `$sandbox 'nuget.config'
Set-Content -LiteralPath `$config -Value '<configuration><packageSources><clear /></packageSources></configuration>'
& dotnet tool install FourOImage.Emulator --version $(& $quote $version) --tool-path (Join-Path `$sandbox 'tools') --add-source `$packages --configfile `$config
if (`$LASTEXITCODE -ne 0) { throw "dotnet tool install failed (`$LASTEXITCODE)" }
`$command = Join-Path `$sandbox ('tools/fouroimage-emulator' + `$(if (`$IsWindows) { '.exe' } else { '' }))

. $(& $quote (Join-Path $repoRoot 'tests/Emulator.ps1'))
`$emu = Start-FourOImageEmulator -Command `$command -ArgumentList $((($toolArguments | ForEach-Object { & $quote $_ }) -join ', '))
try {
    Set-Location -LiteralPath $(& $quote $work)
    `$quickStart = $(& $quote $quickStart)
    `$shown = @(& ([scriptblock]::Create(`$quickStart.Replace($(& $quote $readmeUrl), `$emu.ApiBaseUrl))))
    `$module = Get-Module FourOImage
    [pscustomobject]@{
        ModuleBase = `$module.ModuleBase
        Version    = `$module.Version.ToString()
        Balance    = @(`$shown | Where-Object { `$_.PSObject.TypeNames -contains 'FourOImage.CreditBalance' }).Count
        Saved      = @(`$shown | Where-Object { `$_ -is [IO.FileInfo] } | ForEach-Object FullName)
        Pngs       = @(Get-ChildItem -LiteralPath (Join-Path $(& $quote $work) 'out/emu') -Filter *.png | ForEach-Object FullName)
        Generates  = @(Get-EmulatorRequest -Emulator `$emu -Endpoint 'generate').Count
    } | ConvertTo-Json -Compress | ForEach-Object { 'RESULT ' + `$_ }
}
finally { Stop-FourOImageEmulator -Emulator `$emu }
"@
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $line = $output | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1
        $line | Should -Not -BeNullOrEmpty -Because ($output -join "`n")
        $result = $line.Substring('RESULT '.Length) | ConvertFrom-Json

        $result.Version | Should -Be $version
        $result.ModuleBase | Should -BeLike "$sandbox*"            # imported by name from where it was installed
        $result.Balance | Should -Be 1                             # Get-4oCredit
        $result.Generates | Should -Be 1                           # New-4oImage
        @($result.Saved).Count | Should -Be 1                      # ... | Wait-4oImageTask | Save-4oImage
        @($result.Pngs) | Should -Be @($result.Saved)
        @($result.Saved)[0] | Should -BeLike "$work*"

        # Nothing escaped the sandbox: the tool and the module are where the sandbox put them.
        Test-Path -Path (Join-Path $sandbox 'tools/fouroimage-emulator*') | Should -BeTrue
    }
}
