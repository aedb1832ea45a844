<#
.SYNOPSIS
    Runs Pester on test files in this PowerShell and writes what happened to -ResultPath (CLIXML), for build.ps1.

.DESCRIPTION
    build.ps1 -Task Pester / -Task Test runs each tests/*.Tests.ps1 in a child PowerShell of its own through this script,
    several at once, and adds up the files it writes. The counts come from Pester's result object (Invoke-Pester
    -PassThru), never from an XML report: an error message holding a control character (an ANSI colour code) cannot
    make an XML writer throw the result away. When this script cannot write its result, build.ps1 finds none and
    fails the run naming the file.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string[]] $Path,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string[]] $FullNameFilter,
    [string[]] $ExcludeTag,
    # Plaintext when build.ps1's output goes to a file or a pipe (or NO_COLOR is set), Ansi in a terminal.
    [ValidateSet('Ansi', 'Plaintext')] [string] $RenderMode = 'Plaintext'
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = $RenderMode
if ($FullNameFilter) { $config.Filter.FullName = $FullNameFilter }
if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }
$run = Invoke-Pester -Configuration $config

$failures = @(@($run.Failed) + @($run.FailedBlocks) + @($run.FailedContainers) | Where-Object { $_ } | ForEach-Object {
        $what = if ($_.ExpandedPath) { $_.ExpandedPath } elseif ($_.Item) { [string]$_.Item } else { [string]$_.Name }
        $why = @($_.ErrorRecord | ForEach-Object { $_.ToString() }) -join ' | '
        "${what}: $why"
    })
[pscustomobject]@{
    Passed     = $run.PassedCount
    Failed     = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
    Skipped    = $run.SkippedCount + $run.NotRunCount
    Failures   = $failures
    Containers = @($run.Containers | ForEach-Object {
            [pscustomobject]@{ Path = [string]$_.Item; Seconds = $_.Duration.TotalSeconds; Result = [string]$_.Result }
        })
} | Export-Clixml -LiteralPath $ResultPath
if ($run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount -gt 0) { exit 1 }
