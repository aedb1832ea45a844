#Requires -Version 5.1
# Pester 5, issue 11: batches past the service's submission window (20 new tasks per 10 s per account), in real
# PowerShell against the emulator. The window is 1 s here (FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW, which the emulator
# and the module both read), so the pacing shows in seconds; one test, tagged Slow, runs a batch through the real
# 10 s window end to end. Each test uses a key (account) of its own, so the windows of one test never hold back another.
# Run: ./build.ps1 -Task Pester -PesterPath tests/SubmissionWindow.Tests.ps1

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force

    # One random suffix per run: the keys (accounts) are new, so no state from an earlier run counts against them.
    $run = [guid]::NewGuid().ToString('N').Substring(0, 12)
    $keys = @('batch', 'jobs', 'timeout', 'whatif', 'verbose', 'real') | ForEach-Object { "emu_$($_)_$run" }
    # A 1 s window for the emulator started below and for the module in this process and its children (Start-Job).
    $savedWindow = $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW
    $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = '1'
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList @(
        '--keys', ($keys -join ','), '--min-generation-time', '0.5', '--max-generation-time', '1.5', '--distinct-pictures', '4')
    $key = @{}
    foreach ($k in $keys) { $key[$k.Split('_')[1]] = $k }

    # Fails when more than $Limit admitted generate calls arrived within any $Seconds.
    function Assert-UnderWindow([object[]] $Admitted, [int] $Limit = 20, [double] $Seconds = 10) {
        $times = @($Admitted | ForEach-Object { ([DateTimeOffset]$_.time).UtcDateTime } | Sort-Object)
        for ($i = $Limit; $i -lt $times.Count; $i++) {
            ($times[$i] - $times[$i - $Limit]).TotalSeconds | Should -BeGreaterOrEqual $Seconds -Because "no more than $Limit new tasks may arrive within $Seconds s"
        }
    }

    function Invoke-Child([string] $Script) {
        $ErrorActionPreference = 'Continue'
        $output = Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }

    $quotedModule = "'" + ($modulePath -replace "'", "''") + "'"
}

AfterAll {
    $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = $savedWindow
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'A batch past the submission window' {
    It 'saves all 100 rows of a 100-row batch with zero errors and at most a few 429s in the emulator log' {
        Clear-EmulatorRequest -Emulator $emu
        $out = Join-Path $TestDrive 'hundred'
        $rows = 1..100 | ForEach-Object { [pscustomobject]@{ prompt = "A lighthouse, study $_"; size = '1:1' } }

        $files = @($rows | New-4oImage -ApiKey $key.batch -BaseUrl $emu.ApiBaseUrl -ErrorVariable generateErrors |
                Wait-4oImageTask -ApiKey $key.batch -BaseUrl $emu.ApiBaseUrl -ErrorVariable waitErrors |
                Save-4oImage -Path $out -ApiKey $key.batch -BaseUrl $emu.ApiBaseUrl -ErrorVariable saveErrors)

        @($generateErrors) + @($waitErrors) + @($saveErrors) | Should -BeNullOrEmpty
        $files.Count | Should -Be 100
        @(Get-ChildItem -LiteralPath $out -Filter *.png).Count | Should -Be 100
        $generates = @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate')
        $rejected = @($generates | Where-Object limit -EQ 'submission-window')
        $rejected.Count | Should -BeLessOrEqual 2
        $admitted = @($generates | Where-Object bodyCode -EQ 200)
        $admitted.Count | Should -Be 100
        Assert-UnderWindow $admitted -Seconds 1
    }

    It 'keeps to the service''s real window of 20 new tasks per 10 s end to end' -Tag Slow {
        # The default window in both the emulator and the module: 30 rows, so ten of them wait about 10 s.
        $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = $null
        $real = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList @(
            '--keys', $key.real, '--generation-time', '0.2', '--distinct-pictures', '2')
        try {
            $started = [DateTime]::UtcNow
            $tasks = @(1..30 | ForEach-Object { "Real window, row $_" } |
                    New-4oImage -ApiKey $key.real -BaseUrl $real.ApiBaseUrl -ErrorVariable generateErrors)
            $elapsed = ([DateTime]::UtcNow - $started).TotalSeconds
            $generates = @(Get-EmulatorRequest -Emulator $real -Endpoint 'generate')
        }
        finally {
            Stop-FourOImageEmulator -Emulator $real
            $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = '1'
        }

        $generateErrors | Should -BeNullOrEmpty
        $tasks.Count | Should -Be 30
        @($generates | Where-Object limit -EQ 'submission-window').Count | Should -BeLessOrEqual 2
        $admitted = @($generates | Where-Object bodyCode -EQ 200)
        $admitted.Count | Should -Be 30
        Assert-UnderWindow $admitted -Seconds 10
        $elapsed | Should -BeGreaterOrEqual 10 -Because 'the last ten rows wait for the first twenty to leave the window'
    }
}

Describe 'Two processes sharing one key' {
    It 'stay under the window together (Start-Job)' {
        Clear-EmulatorRequest -Emulator $emu
        $barrier = Join-Path $TestDrive 'barrier'
        $null = New-Item -ItemType Directory -Path $barrier
        $job = {
            param($ModulePath, $ApiKey, $BaseUrl, $Barrier, $Name)
            $ErrorActionPreference = 'Stop'
            Import-Module $ModulePath
            Set-Content -LiteralPath (Join-Path $Barrier "ready-$Name") -Value $PID
            $deadline = [DateTime]::UtcNow.AddMinutes(3)
            while (-not (Test-Path -LiteralPath (Join-Path $Barrier 'go')) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $started = [DateTime]::UtcNow
            $tasks = @(1..25 | ForEach-Object { "Process $Name, row $_" } |
                    New-4oImage -ApiKey $ApiKey -BaseUrl $BaseUrl -ErrorVariable failed -ErrorAction Continue)
            [pscustomobject]@{
                Pid = $PID; Tasks = @($tasks.TaskId); Errors = @($failed | ForEach-Object { "$_" })
                Started = $started; Ended = [DateTime]::UtcNow
            }
        }
        $jobs = 'a', 'b' | ForEach-Object { Start-Job -ScriptBlock $job -ArgumentList $modulePath, $key.jobs, $emu.ApiBaseUrl, $barrier, $_ }
        try {
            $deadline = [DateTime]::UtcNow.AddMinutes(3)
            while (@(Get-ChildItem -LiteralPath $barrier -Filter 'ready-*').Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Set-Content -LiteralPath (Join-Path $barrier 'go') -Value 'go'
            $results = @($jobs | Wait-Job -Timeout 300 | Receive-Job)
        }
        finally {
            $jobs | Remove-Job -Force
        }

        $results.Count | Should -Be 2
        $results[0].Pid | Should -Not -Be $results[1].Pid
        $results[0].Pid | Should -Not -Be $PID
        @($results.Errors) | Should -BeNullOrEmpty
        @($results.Tasks | Select-Object -Unique).Count | Should -Be 50
        $generates = @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate')
        @($generates | Where-Object limit -EQ 'submission-window').Count | Should -BeLessOrEqual 2
        $admitted = @($generates | Where-Object bodyCode -EQ 200)
        $admitted.Count | Should -Be 50
        Assert-UnderWindow $admitted -Seconds 1

        # The two processes were sending at the same time (so they had to share the window), not one after the other.
        $results[0].Started | Should -BeLessThan $results[1].Ended
        $results[1].Started | Should -BeLessThan $results[0].Ended
    }
}

Describe '-Timeout is each task''s own' {
    It 'does not cut off the last rows of a batch whose tasks are created long after the command started' {
        # One new task per 6 s window: the third row is created more than 12 s in, long after a 5 s budget for the
        # whole command would have run out; each 0.2 s task still gets its 5 s from its creation.
        $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = '6'
        $slow = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList @(
            '--keys', $key.timeout, '--generation-time', '0.2', '--distinct-pictures', '2')
        try {
            $started = [DateTime]::UtcNow
            $done = @(1..3 | ForEach-Object { "A slow batch, row $_" } |
                    New-4oImage -SubmissionLimit 1 -ApiKey $key.timeout -BaseUrl $slow.ApiBaseUrl |
                    Wait-4oImageTask -Timeout 5 -ApiKey $key.timeout -BaseUrl $slow.ApiBaseUrl -ErrorVariable waitErrors)
            $elapsed = ([DateTime]::UtcNow - $started).TotalSeconds
        }
        finally {
            Stop-FourOImageEmulator -Emulator $slow
            $env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = '1'
        }

        $waitErrors | Should -BeNullOrEmpty
        $done.Count | Should -Be 3
        $done.Status | Sort-Object -Unique | Should -Be 'Success'
        $elapsed | Should -BeGreaterThan 12
    }
}

Describe 'Seeing the window' {
    It 'New-4oImage -WhatIf says how long a batch takes to send at the configured limit, with the usual precedence' {
        $script = @"
`$env:FOUROIMAGE_API_KEY = '$($key.whatif)'
`$env:FOUROIMAGE_BASE_URL = '$($emu.ApiBaseUrl)'
`$env:FOUROIMAGE_SUBMISSION_LIMIT = `$null
`$env:FOUROIMAGE_EMULATOR_SUBMISSION_WINDOW = `$null
Import-Module $quotedModule
`$rows = 1..45 | ForEach-Object { "row `$_" }
'--default'; `$rows | New-4oImage -WhatIf | Out-Null
`$env:FOUROIMAGE_SUBMISSION_LIMIT = '40'
'--environment'; `$rows | New-4oImage -WhatIf | Out-Null
Connect-4oImage -ApiKey '$($key.whatif)' -BaseUrl '$($emu.ApiBaseUrl)' -SubmissionLimit 15 -SkipKeyCheck
'--session'; `$rows | New-4oImage -WhatIf | Out-Null
'--parameter'; `$rows | New-4oImage -WhatIf -SubmissionLimit 100 | Out-Null
"@
        $result = Invoke-Child $script
        $text = $result.Output -join "`n"
        $section = { param($name) ($text -split "--$name")[1] -split '--' | Select-Object -First 1 }

        $result.ExitCode | Should -Be 0 -Because $text
        (& $section 'default') | Should -Match 'What if: 45 rows would be sent at 20 new tasks per 10 s: about 21 s from the first to the last'
        @((& $section 'default') -split "`n" | Where-Object { $_ -like 'What if:*Create a 4o image task*' }).Count | Should -Be 45
        (& $section 'environment') | Should -Match '45 rows would be sent at 40 new tasks per 10 s: about 11 s'
        (& $section 'session') | Should -Match '45 rows would be sent at 15 new tasks per 10 s: about 21 s'
        # A batch the window does not hold back gets no estimate, only its rows.
        @((& $section 'parameter') -split "`n" | Where-Object { $_ -like 'What if:*' }).Count | Should -Be 45
        (& $section 'parameter') | Should -Not -Match 'would be sent'
    }

    It 'rejects a bad FOUROIMAGE_SUBMISSION_LIMIT naming the variable, and a bad -SubmissionLimit naming the parameter' {
        $script = @"
`$env:FOUROIMAGE_API_KEY = '$($key.whatif)'
`$env:FOUROIMAGE_SUBMISSION_LIMIT = 'lots'
Import-Module $quotedModule
try { 'x' | New-4oImage -WhatIf -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
try { New-4oImage 'x' -SubmissionLimit -3 -WhatIf } catch { `$_.FullyQualifiedErrorId }
"@
        $result = Invoke-Child $script
        $text = $result.Output -join "`n"

        $text | Should -Match 'FOUROIMAGE_SUBMISSION_LIMIT'
        $text | Should -Match "'lots'"
        $text | Should -Match 'ParameterArgumentValidationError,FourOImage.Commands.New4oImageCommand'
    }

    It 'says in verbose output when a 429 from the window was answered by waiting, and still creates the task' {
        Clear-EmulatorRequest -Emulator $emu
        $body = @{ endpoint = 'generate'; kind = 'bodyCode'; code = 429; count = 1 } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri ($emu.AdminUrl + 'faults/enqueue') -Body $body -ContentType 'application/json'

        $task = New-4oImage 'Refused once, then created' -ApiKey $key.verbose -BaseUrl $emu.ApiBaseUrl -Verbose 4>&1 |
            Tee-Object -Variable lines | Where-Object { $_ -is [FourOImage.ImageTask] }

        $task | Should -Not -BeNullOrEmpty
        $verbose = @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $waited = @($verbose | Where-Object { $_ -match 'code 429: no task was created' })
        $waited.Count | Should -Be 1
        $waited[0] | Should -Be 'POST generate → HTTP 200 code 429: no task was created; waiting 1.2 s for the submission window, then sending it again (not counted as a failed attempt)'

        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 2
    }
}
