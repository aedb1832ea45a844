#Requires -Version 5.1
# What the cmdlets write to the progress stream (issue 13, item 3): every bar true at every moment. A pipeline runs
# in-process through [powershell], whose Streams.Progress collects every ProgressRecord the host would draw; the test
# reads them as they come. What a person sees in a terminal is in the closing note of issue 13 (tmux captures).

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    $emulatorDll = Find-EmulatorDll -RepoRoot $repoRoot

    # Runs $Script in a fresh runspace of this process and returns every progress record in order, each with the
    # time it was seen, plus the output and the errors.
    function Invoke-WithProgress([string] $Script, $Emulator) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript(@"
`$ErrorActionPreference = 'Continue'
Import-Module '$($modulePath -replace "'", "''")'
Connect-4oImage -ApiKey '$($Emulator.ApiKey)' -BaseUrl '$($Emulator.ApiBaseUrl)' -SkipKeyCheck
$Script
"@)
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $records = [Collections.Generic.List[object]]::new()
            $seen = 0
            $run = $ps.BeginInvoke()
            do {
                $done = $run.IsCompleted
                $all = @($ps.Streams.Progress)
                for (; $seen -lt $all.Count; $seen++) {
                    $records.Add([pscustomobject]@{ At = $clock.Elapsed.TotalSeconds; Record = $all[$seen] })
                }
                if (-not $done) { Start-Sleep -Milliseconds 50 }
            } until ($done -and $seen -eq $ps.Streams.Progress.Count)
            $output = $ps.EndInvoke($run)
            [pscustomobject]@{ Progress = $records; Errors = @($ps.Streams.Error); Output = @($output) }
        }
        finally {
            $ps.Dispose()
        }
    }

    function Get-Seconds([string] $Elapsed) {
        $parts = $Elapsed.Split(':') | ForEach-Object { [int]$_ }
        $seconds = 0
        foreach ($part in $parts) { $seconds = $seconds * 60 + $part }
        $seconds
    }
}

Describe 'Progress of Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage' {
    BeforeAll {
        # Tasks take 2 to 6 s, so each is seen generating for a few seconds; images trickle at 400 KB/s in total.
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--min-generation-time', '2', '--max-generation-time', '6', '--image-bytes-per-second', '400000'
        $prompts = 'A serene mountain lake at sunset with reflections', 'A watercolor fox curled up asleep in autumn leaves',
            'A tall lighthouse on a cliff in a storm, dramatic light', 'A cozy reading nook with a cat and a steaming cup of tea',
            'A red kite over green hills', 'Neon city street in the rain at night', 'An astronaut reading a book on the moon'
        $csv = Join-Path $TestDrive 'prompts.csv'
        $prompts | ForEach-Object { [pscustomobject]@{ prompt = $_; variants = 2 } } | Export-Csv -LiteralPath $csv -NoTypeInformation
        $out = Join-Path $TestDrive 'out'
        $run = Invoke-WithProgress -Emulator $emu -Script "Import-Csv '$csv' | New-4oImage | Wait-4oImageTask | Save-4oImage -Path '$out' | Out-Null"
        $records = @($run.Progress | ForEach-Object Record)
        $wait = @($records | Where-Object { $_.ParentActivityId -eq -1 -and $_.Activity -eq 'Waiting for 4o image tasks' })
        $children = @($records | Where-Object { $_.ParentActivityId -ne -1 -and $wait.Count -and $_.ParentActivityId -eq $wait[0].ActivityId })
        $save = @($records | Where-Object { $_.Activity -eq 'Saving 4o images' })
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'runs without errors and saves every image' {
        $run.Errors | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $out -File).Count | Should -Be 14
    }

    It 'never writes an unknown fraction (-1, which the Minimal view draws as a full bar)' {
        $records.Count | Should -BeGreaterThan 10
        $records | ForEach-Object { $_.PercentComplete | Should -BeIn (0..100) }
    }

    It 'completes every bar it drew, and never draws a bar again after completing it' {
        foreach ($bar in $records | Group-Object ActivityId) {
            $types = @($bar.Group | ForEach-Object { "$($_.RecordType)" })
            $types[-1] | Should -Be 'Completed' -Because "bar $($bar.Name) ($($bar.Group[0].Activity)) must not be left behind"
            @($types | Where-Object { $_ -eq 'Completed' }).Count | Should -Be 1 -Because "bar $($bar.Name) must not come back"
        }
    }

    It 'gives the overall wait bar the share of tasks ended and the counts, with a time that moves' {
        $wait.Count | Should -BeGreaterThan 2
        $elapsed = foreach ($record in $wait) {
            # -match here, not Should -Match: $Matches must be this record's.
            $record.StatusDescription -match '^(?<done>\d+) of (?<total>\d+) done(, (?<failed>\d+) failed)?(, (?<running>\d+) generating)?, (?<elapsed>\d+:\d\d)$' |
                Should -BeTrue -Because "'$($record.StatusDescription)' has the counts and the time"
            $ended = [int]$Matches.done + [int]$Matches.failed
            $total = [int]$Matches.total
            $expected = if ($total -eq 0) { 0 } elseif ($ended -ge $total) { 100 } else { [math]::Floor($ended * 100 / $total) }
            $record.PercentComplete | Should -Be $expected
            Get-Seconds $Matches.elapsed
        }
        ($elapsed | Sort-Object -Unique).Count | Should -BeGreaterThan 1
        $wait[-1].StatusDescription | Should -Match '^7 of 7 done, '
    }

    It 'names each child bar by its prompt, shows at most five, and their times move' {
        $children.Count | Should -BeGreaterThan 0
        $shortened = $prompts | ForEach-Object { if ($_.Length -le 60) { $_ } else { $_.Substring(0, 59).TrimEnd() + [char]0x2026 } }
        $open = @{}
        foreach ($child in $children) {
            if ("$($child.RecordType)" -eq 'Completed') { $open.Remove($child.ActivityId); continue }
            $open[$child.ActivityId] = $true
            $open.Count | Should -BeLessOrEqual 5
            $child.Activity | Should -BeIn $shortened
            $child.StatusDescription | Should -Match '^generating, \d+:\d\d$'
            $child.PercentComplete | Should -Be 0
        }
        $ticking = $children | Where-Object { "$($_.RecordType)" -ne 'Completed' } | Group-Object CurrentOperation |
            Where-Object { @($_.Group.StatusDescription | Sort-Object -Unique).Count -gt 1 }
        @($ticking).Count | Should -BeGreaterThan 0
    }

    It 'shows a bar for saving in files and bytes that fills as the bytes arrive' {
        $save.Count | Should -BeGreaterThan 1
        foreach ($record in $save) {
            $record.StatusDescription | Should -Match '^\d+ of \d+ files( so far)?, [\d.]+ (B|KB|MB)(, \d+ downloading)?$'
        }
        $save[-1].StatusDescription | Should -Match '^14 of 14 files, '
        @($save | Where-Object { $_.PercentComplete -gt 0 -and $_.PercentComplete -lt 100 }).Count | Should -BeGreaterThan 0
    }
}

Describe 'A bar that moves while another cmdlet holds the pipeline thread' {
    BeforeAll {
        # Every task takes 6 s and images come at 100 KB/s: the first task's images download (for a second or more)
        # while Wait-4oImageTask still waits for the second task and holds the pipeline thread.
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--generation-time', '6', '--image-bytes-per-second', '100000'
        $out = Join-Path $TestDrive 'relay'
        $run = Invoke-WithProgress -Emulator $emu -Script @"
`$first = New-4oImage 'finished first' -Wait
`$second = New-4oImage 'finishes six seconds later'
`$first, `$second | Wait-4oImageTask | Save-4oImage -Path '$out' | Out-Null
"@
        $records = @($run.Progress | ForEach-Object Record)
        $waitEnds = [array]::FindIndex([object[]]$records, [Predicate[object]] {
                param($r) $r.Activity -eq 'Waiting for 4o image tasks' -and "$($r.RecordType)" -eq 'Completed' -and $r.StatusDescription -like '2 of 2 done*' })
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'writes Save-4oImage''s download progress while Wait-4oImageTask is still waiting' {
        $run.Errors | Should -BeNullOrEmpty
        $waitEnds | Should -BeGreaterThan 0
        $before = @($records[0..($waitEnds - 1)] | Where-Object Activity -EQ 'Saving 4o images')
        @($before.StatusDescription | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }
}

Describe 'While New-4oImage waits for a submission slot' {
    BeforeAll {
        # An account of two new tasks per 10 s (the service's window; New-4oImage -SubmissionLimit 2 paces to it), tasks of
        # 1 s: rows 3 and 4 wait about 10 s for the second (and last) window, while the tasks of rows 1 and 2 finish.
        # New-4oImage holds the pipeline thread all that time.
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--submission-limit', '2', '--generation-time', '1'
        $csv = Join-Path $TestDrive 'four.csv'
        1..4 | ForEach-Object { [pscustomobject]@{ prompt = "A paper boat on a pond, number $_" } } | Export-Csv -LiteralPath $csv -NoTypeInformation
        $out = Join-Path $TestDrive 'window'
        $run = Invoke-WithProgress -Emulator $emu -Script "@(Import-Csv '$csv' | New-4oImage -SubmissionLimit 2 | Wait-4oImageTask | Save-4oImage -Path '$out').Count"
        $records = @($run.Progress | ForEach-Object Record)
        $submitting = @($records | Where-Object Activity -EQ 'Submitting 4o image tasks')
        $waiting = @($submitting | Where-Object { "$($_.RecordType)" -ne 'Completed' })
        # The records written while the submission bar was up.
        $from = [array]::IndexOf([object[]]$records, $waiting[0])
        $to = [array]::IndexOf([object[]]$records, @($submitting | Where-Object { "$($_.RecordType)" -eq 'Completed' })[0])
        $during = if ($from -ge 0 -and $to -gt $from) { @($records[$from..$to]) } else { @() }
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'saves the image of every task once' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Be 4
        @(Get-ChildItem -LiteralPath $out -Filter *.png).Count | Should -Be 4
        @(Get-EmulatorRequest -Emulator $emu | Where-Object host -EQ 'image').Count | Should -Be 4
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 4
    }

    It 'says how many rows wait and when they are all sent, from the window, counting down' {
        $waiting.Count | Should -BeGreaterThan 2
        foreach ($record in $waiting) {
            # "sending now" alone: the window has opened and the rows are on their way.
            $record.StatusDescription -match '^(?<rows>[12]) rows? waiting; (sending now|((sending now, |next slot in \d+ s, )?all sent in (?<all>\d+) s)) \(2 new tasks per 10 s\)$' |
                Should -BeTrue -Because "'$($record.StatusDescription)' has the rows and when they are all sent"
            # Rows 3 and 4 go in the next window: never later than a window (10 s and the limiter's 0.2 s) from now.
            $all = if ($Matches.all) { [int]$Matches.all } else { 0 }
            $all | Should -BeIn (0..11)
            $record.SecondsRemaining | Should -Be $all
            # Its share: rows sent of the rows seen so far (the fourth row may not have reached the window yet).
            $rows = [int]$Matches.rows
            $shares = foreach ($seen in ($rows + 2)..4) { [math]::Floor(($seen - $rows) * 100 / $seen) }
            $record.PercentComplete | Should -BeIn $shares
        }
        $counts = @($waiting | ForEach-Object SecondsRemaining)
        @($counts | Sort-Object -Unique).Count | Should -BeGreaterThan 2 -Because 'the estimate is redrawn as time passes'
        $counts[-1] | Should -BeLessThan $counts[0]
        @($submitting | Where-Object { "$($_.RecordType)" -eq 'Completed' }).Count | Should -Be 1
    }

    It 'keeps the other bars of the pipeline moving while it waits' {
        $wait = @($during | Where-Object { $_.Activity -eq 'Waiting for 4o image tasks' -and $_.ParentActivityId -eq -1 })
        @($wait.StatusDescription | Sort-Object -Unique).Count | Should -BeGreaterThan 2 -Because 'the wait bar''s time moves'
        @($wait | Where-Object StatusDescription -Match '^2 of 2 done, waiting for more, \d+:\d\d$').Count | Should -BeGreaterThan 0
        @($wait | Where-Object { $_.StatusDescription -like '*waiting for more*' -and $_.PercentComplete -ge 100 }).Count | Should -Be 0
    }
}

Describe 'Japanese prompts in the bars (issue 22, item 6)' {
    BeforeAll {
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--generation-time', '2'
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'cuts each child bar''s prompt by columns and makes its characters as many as its columns, so PowerShell lays it out to fit' {
        $prompts = '夕暮れの富士山と桜の花びらが舞う静かな湖畔の風景、水彩画風で柔らかい光と影', '猫が縁側で昼寝をしている'
        $quoted = ($prompts | ForEach-Object { "'$_'" }) -join ', '
        $run = Invoke-WithProgress -Emulator $emu -Script "$quoted | New-4oImage | Wait-4oImageTask | Out-Null"
        $children = @($run.Progress | ForEach-Object Record | Where-Object { $_.ParentActivityId -ne -1 -and "$($_.RecordType)" -ne 'Completed' })
        $children.Count | Should -BeGreaterThan 0
        $zeroWidth = [string][char]0x200B
        foreach ($child in $children) {
            $shown = $child.Activity.Replace($zeroWidth, '')
            # Each wide character is followed by one zero-width space: as many characters as columns.
            $columns = 0
            foreach ($c in $shown.ToCharArray()) { $columns += if ([int]$c -ge 0x2E80) { 2 } else { 1 } }
            $child.Activity.Length | Should -Be $columns
            $columns | Should -BeLessOrEqual 60
            $shown | Should -BeIn ($prompts[0].Substring(0, 29) + [char]0x2026), $prompts[1]
        }
    }
}
