#Requires -Version 5.1
# A batch is one thing (issue 22): what dooms every row stops it once, checks happen before credits are spent, a
# runbook's exit code tells failure from success, and the batch says what it did (resume, summary, journal counts).

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '0.5', '--refused-words', 'forbidden'
    $connection = @{ ApiKey = $emu.ApiKey; BaseUrl = $emu.ApiBaseUrl }

    function New-Rows([int] $Count, [string] $Prefix) {
        1..$Count | ForEach-Object { [pscustomobject]@{ Prompt = "$Prefix $_" } }
    }

    function Get-GenerateCount { @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'A batch stops at what dooms every row (issue 22, item 1)' {
    It 'a refused key costs one error that counts the rows, and the same line with the right key sends exactly them' {
        $journal = Join-Path $TestDrive 'key.journal'
        $out = Join-Path $TestDrive 'key'
        $rows = @(New-Rows 40 'key row')
        $bad = @{ ApiKey = 'not-the-key'; BaseUrl = $emu.ApiBaseUrl }
        $before = Get-GenerateCount
        $files = @($rows | New-4oImage @bad -Journal $journal -ErrorVariable keyErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                Wait-4oImageTask @bad | Save-4oImage -Path $out @bad)

        $files | Should -BeNullOrEmpty
        @($keyErrors).Count | Should -Be 1
        $keyErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.Unauthorized,*'
        $keyErrors[0].ErrorDetails.Message | Should -Match 'refused the API key.*40 row\(s\) were not created'
        $keyErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Check the API key'
        ((Get-GenerateCount) - $before) | Should -BeLessOrEqual 8 -Because 'only the rows already in flight (-ThrottleLimit 8) are sent'
        $summary = Get-4oImageJournal $journal
        ($summary.Rows, $summary.Created, $summary.NotSent) | Should -Be @(40, 0, 40)

        $before = Get-GenerateCount
        $files = @($rows | New-4oImage @connection -Journal $journal -WarningAction SilentlyContinue | Wait-4oImageTask @connection | Save-4oImage -Path $out @connection)
        ((Get-GenerateCount) - $before) | Should -Be 40
        $files.Count | Should -Be 40
    }

    It 'a base URL that is not the API''s is one NotFound error that says to check -BaseUrl' {
        $before = Get-GenerateCount
        $null = New-Rows 12 'wrong url' | New-4oImage -ApiKey $emu.ApiKey -BaseUrl ($emu.ApiBaseUrl + 'not-the-api/') -ErrorVariable urlErrors -ErrorAction SilentlyContinue
        @($urlErrors).Count | Should -Be 1
        $urlErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.NotFound,*'
        $urlErrors[0].ErrorDetails.Message | Should -Match '12 row\(s\) were not created'
        $urlErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Check -BaseUrl'
        Get-GenerateCount | Should -Be $before -Because 'the emulator counts only its API paths'
    }

    It 'a closed port is given up once, not once per row' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop() # nothing listens there now

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $verbose = @(New-Rows 12 'closed port' | New-4oImage -ApiKey 'k' -BaseUrl "http://127.0.0.1:$port/" -ErrorVariable portErrors -ErrorAction SilentlyContinue -Verbose 4>&1 |
                Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })
        $watch.Stop()

        @($portErrors).Count | Should -Be 1
        $portErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.ConnectionFailed,*'
        $portErrors[0].ErrorDetails.Message | Should -Match 'cannot be reached.*12 row\(s\) were not sent'
        @($verbose | Where-Object { $_ -match 'giving up after' }).Count | Should -Be 1 -Because 'the first row''s retries decide for every row'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 45 -Because 'twelve rows retried one after the other took 56 s'
    }
}

Describe 'A doomed pipeline is refused before anything is sent (issue 22, item 2)' {
    It 'refuses -Path <Case> in BeginProcessing, before New-4oImage sends a row' -ForEach @(
        @{ Case = 'that is a file'; Id = 'FourOImage.Save.PathIsFile'; Make = { $f = Join-Path $TestDrive 'a-file'; Set-Content -LiteralPath $f -Value x; @{ Path = $f } } }
        @{ Case = 'under a file'; Id = 'FourOImage.Save.FolderNotWritable'; Make = { $f = Join-Path $TestDrive 'b-file'; Set-Content -LiteralPath $f -Value x; @{ Path = (Join-Path $f 'out') } } }
        @{ Case = 'with the template ..'; Id = 'FourOImage.Save.InvalidArgument'; Make = { @{ Path = (Join-Path $TestDrive 'c'); FileName = '..' } } }
        @{ Case = 'with a template of a temporary name'; Id = 'FourOImage.Save.InvalidArgument'; Make = { @{ Path = (Join-Path $TestDrive 'd'); FileName = '{TaskId}.fouroimage.partial' } } }
    ) {
        $save = & $Make
        $before = Get-GenerateCount
        $failure = $null
        try { New-Rows 5 'checked first' | New-4oImage @connection | Wait-4oImageTask @connection | Save-4oImage @save @connection } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Nothing was sent'
        "$failure" | Should -Not -Match 'fouroimage-probe|[0-9a-f]{12}\.fouroimage\.partial'
        Get-GenerateCount | Should -Be $before
    }

    It 'refuses a folder on a read-only file system' -Skip:(-not $IsLinux) {
        $before = Get-GenerateCount
        $failure = $null
        try { New-Rows 3 'read only' | New-4oImage @connection | Save-4oImage -Path '/proc/fouroimage-out' @connection } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Save.FolderNotWritable,*'
        "$failure" | Should -Not -Match 'fouroimage-probe'
        Get-GenerateCount | Should -Be $before
    }

    It 'leaves no folder behind when it writes nothing' {
        $folder = Join-Path $TestDrive 'never/made'
        $null = @() | Save-4oImage -Path $folder @connection
        Test-Path -LiteralPath (Join-Path $TestDrive 'never') | Should -BeFalse
    }
}

Describe 'A runbook can fail on failure (issue 22, item 4)' {
    BeforeAll {
        $script = Join-Path $TestDrive 'runbook.ps1'
        Set-Content -LiteralPath $script -Encoding UTF8 -Value @'
param([string] $ModulePath, [string] $Csv, [string] $Out, [string] $Key, [string] $Url, [string] $Failure)
# Keeps the message of what ends the script (the host wraps it on screen), and still ends it.
trap { Set-Content -LiteralPath $Failure -Value "$($_.FullyQualifiedErrorId)|$($_.Exception.Message)" -Encoding UTF8; break }
Import-Module $ModulePath
Connect-4oImage -ApiKey $Key -BaseUrl $Url
Import-Csv -LiteralPath $Csv -Encoding UTF8 | New-4oImage | Wait-4oImageTask | Save-4oImage -Path $Out -FailOnError
'after the batch'
'@
        function Invoke-Runbook([object[]] $Rows, [string] $Name) {
            $csv = Join-Path $TestDrive "$Name.csv"
            $Rows | Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding UTF8
            $out = Join-Path $TestDrive $Name
            $failure = Join-Path $TestDrive "$Name.failure"
            $output = @(Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -File $script -ModulePath $modulePath -Csv $csv -Out $out -Key $emu.ApiKey -Url $emu.ApiBaseUrl -Failure $failure 2>&1 | ForEach-Object { "$_" })
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Output   = $output -join "`n"
                Failure  = if (Test-Path -LiteralPath $failure) { (Get-Content -LiteralPath $failure -Raw).Trim() }
                Files    = @(Get-ChildItem -LiteralPath $out -Filter *.png -ErrorAction SilentlyContinue).Count
            }
        }
    }

    It 'exits 0 when every row is saved' {
        $run = Invoke-Runbook -Rows (New-Rows 3 'good') -Name 'all-good'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Failure | Should -BeNullOrEmpty
        $run.Files | Should -Be 3
        $run.Output | Should -Match 'after the batch'
    }

    It 'exits non-zero after saving every good row when a row is invalid and a task fails' {
        $rows = @(
            [pscustomobject]@{ Prompt = 'fine 1'; Variants = '1' }
            [pscustomobject]@{ Prompt = 'spelled out'; Variants = 'two' }
            [pscustomobject]@{ Prompt = 'forbidden fruit'; Variants = '1' }
            [pscustomobject]@{ Prompt = 'fine 2'; Variants = '' }
        )
        $run = Invoke-Runbook -Rows $rows -Name 'some-bad'
        $run.ExitCode | Should -Not -Be 0
        $run.Files | Should -Be 2
        $run.Failure | Should -BeLike 'FourOImage.Batch.Failed*|The batch did not complete: 4 rows: 3 created, 2 failed, 0 not sent; 2 files;*'
        $run.Output | Should -Not -Match 'after the batch'
    }
}

Describe 'The batch says what it is doing (issue 22, item 5)' {
    It 'ends with one summary in the information stream' {
        $out = Join-Path $TestDrive 'summary'
        $null = @((New-Rows 3 'summed') + [pscustomobject]@{ Prompt = '' }) |
            New-4oImage @connection -ErrorAction SilentlyContinue | Wait-4oImageTask @connection |
            Save-4oImage -Path $out @connection -InformationVariable info
        $summaries = @($info | Where-Object { $_.Tags -contains 'FourOImage.BatchSummary' })
        $summaries.Count | Should -Be 1
        $s = $summaries[0].MessageData
        ($s.Rows, $s.Created, $s.Failed, $s.NotSent, $s.Files, $s.Errors, $s.Succeeded) | Should -Be @(4, 3, 1, 0, 3, 1, $false)
        "$s" | Should -BeLike '4 rows: 3 created, 1 failed, 0 not sent; 3 files;*'
    }

    It 'says in one line what a resumed journal holds and what will be sent' {
        $journal = Join-Path $TestDrive 'resume.journal'
        $null = New-Rows 3 'resumed' | New-4oImage @connection -Journal $journal -WarningVariable firstWarnings
        $firstWarnings | Should -BeNullOrEmpty
        $null = New-Rows 5 'resumed' | New-4oImage @connection -Journal $journal -WarningVariable resumeWarnings
        @($resumeWarnings).Count | Should -Be 1
        "$resumeWarnings" | Should -BeExactly 'Resuming the batch in resume.journal: 3 rows recorded, 3 with a task (not sent again), 0 to send; rows it does not hold are sent too.'
    }

    It 'Ctrl+C leaves one line, and the journal counts the rows still waiting for a slot as not sent' -Skip:($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) {
        $journal = Join-Path $TestDrive 'stopped.journal'
        $csv = Join-Path $TestDrive 'stopped.csv'
        New-Rows 10 'waits for a slot' | Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding UTF8
        $batch = "Import-Module '$modulePath'; Import-Csv '$csv' | New-4oImage -ApiKey '$($emu.ApiKey)' -BaseUrl '$($emu.ApiBaseUrl)' -Journal '$journal' -SubmissionLimit 2 | Wait-4oImageTask -ApiKey '$($emu.ApiKey)' -BaseUrl '$($emu.ApiBaseUrl)'"
        $child = Get-ChildPowerShell
        # A process started in the background by a non-interactive shell (a CI job, `cmd &`) inherits SIGINT ignored,
        # and .NET keeps an ignored SIGINT ignored: the Ctrl+C below would never reach the child. Perl resets it to the
        # default first, as a terminal's foreground job has it.
        $start = [Diagnostics.ProcessStartInfo]::new('perl')
        foreach ($a in @('-e', '$SIG{INT} = "DEFAULT"; exec { $ARGV[0] } @ARGV or die "exec: $!"', '--', $child.FilePath) + @($child.Arguments) +
            @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $batch)) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($start)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline -and -not ((Test-Path -LiteralPath $journal) -and (Get-4oImageJournal $journal).Created -ge 2)) {
                $null = $process.WaitForExit(100)
            }
            (Get-4oImageJournal $journal).Created | Should -Be 2
            & kill -INT $process.Id
            $process.WaitForExit(60000) | Should -BeTrue
            $text = $process.StandardOutput.ReadToEnd() + $process.StandardError.ReadToEnd()
        }
        finally {
            if (-not $process.HasExited) { $process.Kill() }
        }

        @($text -split "`n" | Where-Object { $_ -match 'Stopped: ' }).Count | Should -Be 1
        $text | Should -Match 'Stopped: 10 rows taken, 2 tasks created, 0 files saved, 8 rows not sent\. Run the same command to resume'
        $summary = Get-4oImageJournal $journal
        ($summary.Rows, $summary.Created, $summary.Pending, $summary.NotSent) | Should -Be @(10, 2, 0, 8)
    }
}
