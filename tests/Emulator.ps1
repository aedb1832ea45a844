# Starts and stops the FourOImage emulator as a child process, for the Pester suite and build.ps1 -Task Demo.
# Dot-source this file. Works in pwsh 7 and Windows PowerShell 5.1.

function Start-FourOImageEmulator {
    [CmdletBinding()]
    param(
        # The built emulator (src/FourOImage.Emulator/bin/<cfg>/net10.0/FourOImage.Emulator.dll).
        [Parameter(Mandatory)] [string] $EmulatorDll,
        [int] $StartTimeoutSeconds = 60
    )

    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    $startInfo.Arguments = "`"$EmulatorDll`" --urls http://127.0.0.1:0"
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
