<#
.SYNOPSIS
    The demo pipeline of `build.ps1 -Task Demo`: a CSV of prompts through New-4oImage, Wait-4oImageTask and
    Save-4oImage against an emulator, then a summary that reads well at any width.

.DESCRIPTION
    Run by build.ps1 in a child PowerShell, after it started the emulator. The summary names each prompt (cut to the
    width of the window) with its files under it, one per line, instead of a table whose columns the window would
    drop. With -PlainText (build.ps1 passes it when its own output is redirected, or NO_COLOR is set) the output has
    no colours or other escape codes, and lines stay within 80 columns.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ApiKey,
    [Parameter(Mandatory)] [string] $BaseUrl,
    [Parameter(Mandatory)] [string] $Csv,
    [Parameter(Mandatory)] [string] $OutFolder,
    [switch] $PlainText
)

$ErrorActionPreference = 'Stop'
if ($PlainText -and $PSStyle) {
    $PSStyle.OutputRendering = 'PlainText'
}

Import-Module $ModulePath
Connect-4oImage -ApiKey $ApiKey -BaseUrl $BaseUrl -SkipKeyCheck
$files = @(Import-Csv -LiteralPath $Csv -Encoding UTF8 | New-4oImage | Wait-4oImageTask | Save-4oImage -Path $OutFolder)

$width = 80
if (-not $PlainText) {
    try {
        $window = $Host.UI.RawUI.WindowSize.Width
        if ($window -ge 20) { $width = $window }
    }
    catch {
        # No window to measure (a host without a raw UI): keep 80.
    }
}

function Format-Size([long] $Bytes) {
    if ($Bytes -ge 1MB) { '{0:0.0} MB' -f ($Bytes / 1MB) } else { '{0:0} KB' -f ($Bytes / 1KB) }
}

function Format-Line([string] $Text) {
    if ($Text.Length -le $width - 1) { $Text } else { $Text.Substring(0, $width - 4) + '...' }
}

$total = ($files | Measure-Object -Property Length -Sum).Sum
$prompts = @($files | Group-Object -Property Prompt)
Write-Output (Format-Line ('Saved {0} image(s) for {1} prompt(s), {2}:' -f $files.Count, $prompts.Count, (Format-Size $total)))
foreach ($prompt in $prompts) {
    Write-Output (Format-Line ('  ' + $prompt.Name))
    foreach ($file in $prompt.Group | Sort-Object Index) {
        Write-Output ('    {0}  {1}' -f $file.Name, (Format-Size $file.Length))
    }
}
