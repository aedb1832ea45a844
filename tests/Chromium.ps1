# Drives Debian's headless Chromium over the DevTools protocol, for tests that look at a page as a person would.
# Dot-source this file. pwsh 7 only (ClientWebSocket). Chromium is /usr/bin/chromium (apt-get install chromium),
# or $env:FOUROIMAGE_CHROMIUM.

function Find-Chromium {
    foreach ($candidate in @($env:FOUROIMAGE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser')) {
        if ($candidate -and (Test-Path -LiteralPath $candidate)) { return $candidate }
    }
    return $null
}

function Start-HeadlessChromium {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Executable, [int] $StartTimeoutSeconds = 60)

    $profile = Join-Path ([IO.Path]::GetTempPath()) ("fouro-chromium-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $profile
    # The flags that work on this kind of machine: no sandbox as root, no GPU, and no background traffic to the
    # closed network. A new empty profile each time.
    $arguments = @(
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1',
        "--user-data-dir=$profile", 'about:blank')
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $Executable
    foreach ($argument in $arguments) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()

    # Chromium writes its port and browser path to DevToolsActivePort in the profile once it listens.
    $portFile = Join-Path $profile 'DevToolsActivePort'
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSeconds)
    while (-not ((Test-Path -LiteralPath $portFile) -and @(Get-Content -LiteralPath $portFile).Count -ge 2)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            if (-not $process.HasExited) { $process.Kill() }
            throw "Chromium did not start (exit code $(if ($process.HasExited) { $process.ExitCode }))."
        }
        Start-Sleep -Milliseconds 100
    }
    $port, $path = @(Get-Content -LiteralPath $portFile)
    $socket = [System.Net.WebSockets.ClientWebSocket]::new()
    $socket.Options.KeepAliveInterval = [TimeSpan]::Zero
    $null = $socket.ConnectAsync([uri]"ws://127.0.0.1:$port$path", [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    [pscustomobject]@{ Process = $process; Profile = $profile; Socket = $socket; NextId = 0; Events = [Collections.Generic.List[object]]::new() }
}

function Stop-HeadlessChromium {
    param([Parameter(Mandatory)] $Browser)
    try { $Browser.Socket.Dispose() } catch { }
    if (-not $Browser.Process.HasExited) { $Browser.Process.Kill($true); $Browser.Process.WaitForExit(10000) | Out-Null }
    Remove-Item -LiteralPath $Browser.Profile -Recurse -Force -ErrorAction SilentlyContinue
}

# Sends one protocol command and returns its result; events that arrive meanwhile are kept in $Browser.Events.
function Invoke-Cdp {
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)] [string] $Method, [hashtable] $Params = @{}, [string] $SessionId, [int] $TimeoutSeconds = 60)

    $Browser.NextId++
    $id = $Browser.NextId
    $message = @{ id = $id; method = $Method; params = $Params }
    if ($SessionId) { $message.sessionId = $SessionId }
    $bytes = [Text.Encoding]::UTF8.GetBytes(($message | ConvertTo-Json -Depth 10 -Compress))
    $null = $Browser.Socket.SendAsync([ArraySegment[byte]]::new($bytes), 'Text', $true, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $reply = Receive-CdpMessage -Browser $Browser -Deadline $deadline
        if ($reply.id -eq $id) {
            if ($reply.error) { throw "$Method failed: $($reply.error.message)" }
            return $reply.result
        }
        if ($reply.method) { $Browser.Events.Add($reply) }
    }
}

# Waits until an event with this method has arrived (or had arrived already).
function Wait-CdpEvent {
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)] [string] $Method, [int] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not ($Browser.Events | Where-Object method -EQ $Method)) {
        $message = Receive-CdpMessage -Browser $Browser -Deadline $deadline
        if ($message.method) { $Browser.Events.Add($message) }
    }
}

function Receive-CdpMessage {
    param($Browser, [DateTime] $Deadline)
    $buffer = [byte[]]::new(1MB)
    $text = [IO.MemoryStream]::new()
    do {
        $left = $Deadline - [DateTime]::UtcNow
        if ($left -le [TimeSpan]::Zero) { throw 'Chromium did not answer in time.' }
        $cancel = [Threading.CancellationTokenSource]::new($left)
        $result = $Browser.Socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), $cancel.Token).GetAwaiter().GetResult()
        $text.Write($buffer, 0, $result.Count)
    } until ($result.EndOfMessage)
    return [Text.Encoding]::UTF8.GetString($text.ToArray()) | ConvertFrom-Json -Depth 20
}

# Opens a page in a new tab at the given window size and waits for its load event. Returns the tab's session id.
function Open-CdpPage {
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)] [string] $Url, [int] $Width = 1280, [int] $Height = 900)
    $target = Invoke-Cdp $Browser 'Target.createTarget' @{ url = 'about:blank' }
    $session = (Invoke-Cdp $Browser 'Target.attachToTarget' @{ targetId = $target.targetId; flatten = $true }).sessionId
    foreach ($domain in 'Page.enable', 'Runtime.enable', 'Log.enable') { $null = Invoke-Cdp $Browser $domain -SessionId $session }
    $null = Invoke-Cdp $Browser 'Emulation.setDeviceMetricsOverride' @{ width = $Width; height = $Height; deviceScaleFactor = 1; mobile = $Width -lt 600 } -SessionId $session
    $Browser.Events.Clear()
    $null = Invoke-Cdp $Browser 'Page.navigate' @{ url = $Url } -SessionId $session
    Wait-CdpEvent $Browser 'Page.loadEventFired'
    return $session
}

# Evaluates a JavaScript expression in the page (the protocol is not bound by the page's Content-Security-Policy).
function Invoke-CdpScript {
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)] [string] $SessionId, [Parameter(Mandatory)] [string] $Expression)
    $result = Invoke-Cdp $Browser 'Runtime.evaluate' @{ expression = $Expression; returnByValue = $true; awaitPromise = $true } -SessionId $SessionId
    if ($result.exceptionDetails) { throw "Script failed: $($result.exceptionDetails.text)" }
    return $result.result.value
}

# Console errors, uncaught exceptions and log entries of level error seen so far.
function Get-CdpError {
    param([Parameter(Mandatory)] $Browser)
    foreach ($event in $Browser.Events) {
        switch ($event.method) {
            'Runtime.consoleAPICalled' { if ($event.params.type -in 'error', 'assert') { "console.$($event.params.type): $($event.params.args.value -join ' ')" } }
            'Runtime.exceptionThrown' { "exception: $($event.params.exceptionDetails.text) $($event.params.exceptionDetails.exception.description)" }
            'Log.entryAdded' { if ($event.params.entry.level -eq 'error') { "log: $($event.params.entry.text) $($event.params.entry.url)" } }
        }
    }
}

function Save-CdpScreenshot {
    param([Parameter(Mandatory)] $Browser, [Parameter(Mandatory)] [string] $SessionId, [Parameter(Mandatory)] [string] $Path, [switch] $FullPage)
    $params = @{ format = 'png' }
    if ($FullPage) { $params.captureBeyondViewport = $true }
    $shot = Invoke-Cdp $Browser 'Page.captureScreenshot' $params -SessionId $SessionId
    [IO.File]::WriteAllBytes($Path, [Convert]::FromBase64String($shot.data))
}
