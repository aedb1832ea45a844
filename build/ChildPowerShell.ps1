# Finds the PowerShell that is running this script, so build.ps1, the Pester suite and the bench can start a fresh
# child of the same kind. Dot-source it. Works in pwsh 7.4+ and Windows PowerShell 5.1.
#
# (Get-Process -Id $PID).Path is not the answer: under `dotnet pwsh` (PowerShell as a .NET tool) the process is
# dotnet. $PSHOME always holds the running PowerShell: pwsh or pwsh.exe for an installed pwsh and for the .NET
# tool (its apphost), powershell.exe for Windows PowerShell 5.1.

function Get-ChildPowerShell {
    [CmdletBinding()]
    param()
    $isDesktop = $PSVersionTable.PSEdition -ne 'Core'
    $onWindows = $isDesktop -or $IsWindows
    $name = if ($isDesktop) { 'powershell.exe' } elseif ($onWindows) { 'pwsh.exe' } else { 'pwsh' }

    $executable = Join-Path $PSHOME $name
    if (Test-Path -LiteralPath $executable -PathType Leaf) {
        return [pscustomobject]@{ FilePath = $executable; Arguments = @() }
    }

    # A framework-dependent pwsh without its apphost: run pwsh.dll on the dotnet host that runs this session.
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $hostPath = (Get-Process -Id $PID).Path
    if ((Test-Path -LiteralPath $dll -PathType Leaf) -and [IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') {
        return [pscustomobject]@{ FilePath = $hostPath; Arguments = @($dll) }
    }
    throw "Can't find the PowerShell executable in `$PSHOME ($PSHOME)."
}

# Runs a child PowerShell with the given arguments (e.g. -NoProfile -Command $script) and returns its output.
# $LASTEXITCODE is the child's exit code afterwards.
function Invoke-ChildPowerShell {
    $child = Get-ChildPowerShell
    $allArguments = @($child.Arguments) + @($args)
    & $child.FilePath @allArguments
}
