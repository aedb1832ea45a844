# Starts and stops the FourOImage emulator as a child process, for the Pester suite and build.ps1 -Task Demo.
# Dot-source this file. Works in pwsh 7 and Windows PowerShell 5.1.

function Start-FourOImageEmulator {
    [CmdletBinding(DefaultParameterSetName = 'Dll')]
    param(
        # The built emulator (src/FourOImage.Emulator/bin/<cfg>/net10.0/FourOImage.Emulator.dll).
        [Parameter(Mandatory, ParameterSetName = 'Dll')] [string] $EmulatorDll,
        # Or the installed .NET tool's command (fouroimage-emulator), run directly.
        [Parameter(Mandatory, ParameterSetName = 'Command')] [string] $Command,
        # More emulator options, e.g. '--min-generation-time', '1.5' (see `dotnet FourOImage.Emulator.dll --help`).
        [string[]] $ArgumentList = @(),
        [int] $StartTimeoutSeconds = 60
    )

    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $options = "--urls http://127.0.0.1:0 $($ArgumentList -join ' ')"
    if ($PSCmdlet.ParameterSetName -eq 'Command') {
        $startInfo.FileName = $Command
        $startInfo.Arguments = $options
    }
    else {
        $startInfo.FileName = 'dotnet'
        $startInfo.Arguments = "`"$EmulatorDll`" $options"
    }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.CreateNoWindow = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)

    # The emulator prints its URLs and key once it listens; read lines until all four are there.
    $found = @{}
    $patterns = [ordered]@{
        ApiBaseUrl   = 'API base URL:\s*(\S+)'
        ImageBaseUrl = 'Image base URL:\s*(\S+)'
        AdminUrl     = 'Admin:\s*(\S+)'
        ApiKey       = 'API key:\s*(\S+)'
    }
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSeconds)
    while ($found.Count -lt $patterns.Count) {
        $pending = $process.StandardOutput.ReadLineAsync()
        while (-not $pending.Wait(200)) {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                if (-not $process.HasExited) { $process.Kill() }
                throw "The emulator did not start: $($process.StandardError.ReadToEnd())"
            }
        }
        $line = $pending.Result
        if ($null -eq $line) {
            throw "The emulator exited: $($process.StandardError.ReadToEnd())"
        }
        foreach ($name in $patterns.Keys) {
            if (-not $found.ContainsKey($name) -and $line -match $patterns[$name]) {
                $found[$name] = $Matches[1]
            }
        }
    }

    # Keep both pipes drained from now on, so the emulator can never block on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()

    [pscustomobject]@{
        Process      = $process
        ApiBaseUrl   = $found.ApiBaseUrl
        ImageBaseUrl = $found.ImageBaseUrl
        AdminUrl     = $found.AdminUrl.TrimEnd('/') + '/'
        ApiKey       = $found.ApiKey
    }
}

function Stop-FourOImageEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $null = $Emulator.Process.WaitForExit(10000)
    }
}

# The emulator's request log (method, path, endpoint, taskId, hadAuthorization, ...).
function Get-EmulatorRequest {
    param([Parameter(Mandatory)] $Emulator, [string] $Endpoint)
    $log = Invoke-RestMethod -Uri ($Emulator.AdminUrl + 'requests') -Method Get
    if ($Endpoint) { $log = @($log | Where-Object { $_.endpoint -eq $Endpoint }) }
    @($log)
}

function Clear-EmulatorRequest {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Uri ($Emulator.AdminUrl + 'requests') -Method Delete
}

# Replaces the emulator's random faults, e.g. @{ refusedWords = @('forbidden') }; @{} resets them.
function Set-EmulatorFault {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Faults)
    $body = $Faults | ConvertTo-Json -Depth 5
    $null = Invoke-RestMethod -Uri ($Emulator.AdminUrl + 'faults') -Method Put -Body $body -ContentType 'application/json'
}

function Reset-EmulatorFault {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Uri ($Emulator.AdminUrl + 'faults') -Method Delete
}

# Width and height from a PNG's IHDR chunk.
function Get-PngSize {
    param([Parameter(Mandatory)] [string] $Path)
    $bytes = New-Object byte[] 24
    $stream = [System.IO.File]::OpenRead($Path)
    try { $null = $stream.Read($bytes, 0, 24) } finally { $stream.Dispose() }
    if ($bytes[0] -ne 0x89 -or $bytes[1] -ne 0x50 -or $bytes[2] -ne 0x4E -or $bytes[3] -ne 0x47) {
        throw "$Path is not a PNG file"
    }
    $read = { param($at) ([int]$bytes[$at] -shl 24) -bor ([int]$bytes[$at + 1] -shl 16) -bor ([int]$bytes[$at + 2] -shl 8) -bor [int]$bytes[$at + 3] }
    [pscustomobject]@{ Width = & $read 16; Height = & $read 20 }
}

# The built emulator dll: $env:FOUROIMAGE_TEST_EMULATOR (set by build.ps1), else the newest build, else build it.
function Find-EmulatorDll {
    param([Parameter(Mandatory)] [string] $RepoRoot)
    if ($env:FOUROIMAGE_TEST_EMULATOR -and (Test-Path $env:FOUROIMAGE_TEST_EMULATOR)) {
        return $env:FOUROIMAGE_TEST_EMULATOR
    }
    $pattern = Join-Path $RepoRoot 'src/FourOImage.Emulator/bin/*/net10.0/FourOImage.Emulator.dll'
    $built = Get-ChildItem -Path $pattern -ErrorAction SilentlyContinue | Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $built) {
        & dotnet build (Join-Path $RepoRoot 'src/FourOImage.Emulator/FourOImage.Emulator.csproj') -c Release -nologo | Out-Null
        $built = Get-ChildItem -Path $pattern | Sort-Object LastWriteTime -Descending | Select-Object -First 1
    }
    $built.FullName
}
