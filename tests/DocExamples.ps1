# The PowerShell examples of README.md and docs/*.md (the cmdlet pages' examples are the help's examples), for
# tests/Docs.Tests.ps1, which runs each one against the emulator. Dot-source it. Works in pwsh 7.4+ and 5.1.
#
# An example is a fenced block whose info string starts with powershell (or pwsh, ps1). It runs as written, with:
#   - the emulator's URL for http://127.0.0.1:5077 and its key for emu_demo / emu_..., FOUROIMAGE_BASE_URL and
#     FOUROIMAGE_UPLOAD_BASE_URL pointing at the emulator (so Connect-4oImage without -BaseUrl reaches it too), and
#     the built module for ./out/FourOImage;
#   - a session already connected, $key holding the key and $tasks a finished task, as the text around examples
#     assumes;
#   - a fresh working folder holding prompts.csv, photo.jpg, task-ids.txt, tasks.csv, prompts.journal, batches/,
#     samples/prompts.csv and, in out/, the images of one finished task, whose id replaces any 32-hex task id.
# A block that cannot run against the emulator (it needs a real key, a vault, a proxy, Azure Automation, the
# PowerShell Gallery or a person at the keyboard) says so after the language: ```powershell no-test: needs a vault

function Get-DocExample {
    param([Parameter(Mandatory)] [string] $RepoRoot)
    $files = @(Get-Item -LiteralPath (Join-Path $RepoRoot 'README.md')) + @(Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'docs') -Filter *.md | Sort-Object Name)
    foreach ($file in $files) {
        $lines = @(Get-Content -LiteralPath $file.FullName -Encoding UTF8)
        $relative = if ($file.Name -eq 'README.md') { 'README.md' } else { 'docs/' + $file.Name }
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^\s*(?<fence>```+|~~~+)\s*(?<language>[^\s:]*)\s*(?<info>.*)$') { continue }
            $fence = $Matches.fence
            $language = $Matches.language
            $info = $Matches.info.Trim()
            $start = $i
            $code = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and -not $lines[$i].TrimStart().StartsWith($fence); $i++) {
                $code.Add($lines[$i])
            }
            if ($language -notin 'powershell', 'pwsh', 'ps1') { continue }
            $firstLine = ($code | Where-Object { $_.Trim() -and -not $_.Trim().StartsWith('#') } | Select-Object -First 1)
            $noTest = $info -match '^no-test\b:?\s*(?<reason>.*)$'
            @{
                Name      = '{0}:{1} {2}' -f $relative, ($start + 1), "$firstLine".Trim()
                File      = $relative
                Line      = $start + 1
                Code      = $code -join "`n"
                FirstLine = "$firstLine".Trim()
                NoTest    = $noTest
                Reason    = if ($noTest -and $Matches.reason) { $Matches.reason } elseif ($noTest) { 'marked no-test' } else { $null }
            }
        }
    }
}

# The example's code with the emulator, the built module and the sample task put in.
function ConvertTo-EmulatorExample {
    param([Parameter(Mandatory)] [string] $Code, [Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $TaskId)
    $api = $Emulator.ApiBaseUrl.TrimEnd('/')
    $Code = $Code -replace 'http://127\.0\.0\.1:5077', $api
    $Code = $Code -replace '\bemu_(demo|\.\.\.)', $Emulator.ApiKey
    $Code = $Code -replace '\./out/FourOImage(?=[/\\''"\s]|$)', $ModuleFolder.Replace('$', '$$')
    # A task id: 32 hex characters on their own (not the hex part of an emu_ key), as in ./out/<id>_0.png.
    $Code -replace '(?<![0-9A-Za-z_])[0-9a-f]{32}(?![0-9A-Za-z])', $TaskId
}

# Runs one example in a runspace of its own, in $WorkFolder, and returns its output and errors. The runspace forgets
# its connections afterwards (Remove-Module), so a -Scope Process example leaves nothing for the next one.
function Invoke-DocExample {
    param([Parameter(Mandatory)] [string] $Code, [Parameter(Mandatory)] [string] $WorkFolder, [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $TaskId, [int] $TimeoutSeconds = 300)
    $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
    $preamble = @"
Set-Location -LiteralPath $(& $quote $WorkFolder)
Import-Module FourOImage -ErrorAction Stop
Connect-4oImage -ApiKey $(& $quote $Emulator.ApiKey) -SkipKeyCheck
`$key = $(& $quote $Emulator.ApiKey)
`$tasks = @(Get-4oImageTask -TaskId $(& $quote $TaskId))
"@
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript($preamble + "`n" + $Code)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $run = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
        $failure = $null
        if (-not $run.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSeconds))) {
            $ps.Stop()
            $failure = "did not end within $TimeoutSeconds s"
        }
        else {
            try { $ps.EndInvoke($run) } catch { $failure = "$($_.Exception.InnerException.Message)$($_.Exception.Message)" }
        }
        [pscustomobject]@{
            Output  = @($output)
            Errors  = @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) + @($failure | Where-Object { $_ })
        }
    }
    finally {
        $ps.Commands.Clear()
        $null = $ps.AddScript('Remove-Module FourOImage -Force -ErrorAction SilentlyContinue').Invoke()
        $ps.Dispose()
    }
}
