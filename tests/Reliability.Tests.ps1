#Requires -Version 5.1
# Pester 5: issue 12 (nothing lost, nothing paid twice, nothing leaked) in a real PowerShell against the local
# emulator: credentials in URLs, journal failures, failed rows, file-name collisions and temporary files.
# Run: ./build.ps1 -Task Pester -PesterPath tests/Reliability.Tests.ps1 (after ./build.ps1 -Task Build)

BeforeDiscovery {
    # A real full disk or read-only folder needs a small file system of its own: Linux, and the right to mount one.
    $canMount = $false
    if ($IsLinux -and (id -u) -eq '0') {
        $probe = Join-Path ([IO.Path]::GetTempPath()) ("fouro-probe-{0}" -f [guid]::NewGuid().ToString('N').Substring(0, 8))
        $null = New-Item -ItemType Directory -Path $probe
        & mount -t tmpfs -o size=16k tmpfs $probe 2>$null
        if ($LASTEXITCODE -eq 0) { $canMount = $true; & umount $probe }
        Remove-Item -LiteralPath $probe -Recurse -Force
    }
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '0.5'
    Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -UploadBaseUrl $emu.ApiBaseUrl

    # Everything a user could see or keep of a command: output (also as CLIXML), verbose, warnings and errors in full.
    function Get-EverythingShown([scriptblock] $Command) {
        $Error.Clear()
        $shown = & $Command *>&1
        $clixml = Join-Path $TestDrive ("shown-{0}.xml" -f [guid]::NewGuid())
        $shown | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | Export-Clixml -LiteralPath $clixml
        @(
            $shown | Out-String -Width 400
            $shown | Format-List * -Force | Out-String -Width 400
            $Error | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 400; $_.Exception.ToString() }
            Get-Content -Raw -LiteralPath $clixml
        ) -join "`n"
    }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'A credential in a URL' {
    BeforeAll {
        $secret = 'url-pass-93f1c2'
        $withUser = $emu.ApiBaseUrl -replace '^http://', "http://someone:$secret@"
        # Nothing listens on port 1 of loopback: the connection is refused.
        $refused = "http://someone:$secret@127.0.0.1:1/"
    }

    AfterAll {
        Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -UploadBaseUrl $emu.ApiBaseUrl
    }

    It 'is masked in Connect-4oImage and Get-4oCredit output, verbose and CLIXML' {
        $text = Get-EverythingShown {
            Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $withUser -UploadBaseUrl $withUser -PassThru -Verbose
            Get-4oCredit -Verbose
        }
        $text | Should -Not -Match $secret
        $text | Should -Match 'Balance'
        (Get-4oCredit).Endpoint.UserInfo | Should -Not -Match $secret
    }

    It 'is masked in errors and verbose output when the call fails' {
        $text = Get-EverythingShown {
            try { Get-4oCredit -BaseUrl $refused -Verbose } catch { $_ | Format-List * -Force | Out-String }
        }
        $text | Should -Match 'ConnectionFailed'
        $text | Should -Not -Match $secret
    }

    It 'is masked in the error for a base URL that is not valid' {
        $text = Get-EverythingShown {
            try { Get-4oCredit -BaseUrl "http://someone:$secret@127.0.0.1:1/?x=1" } catch { $_ | Format-List * -Force | Out-String }
        }
        $text | Should -Match 'query'
        $text | Should -Not -Match $secret
    }
}

Describe 'A journal that cannot be written' {
    BeforeAll {
        # A real full disk: a 64 KiB tmpfs, mostly filled, so the journal runs out of space mid-batch.
        $mount = Join-Path $TestDrive 'small-disk'
        $null = New-Item -ItemType Directory -Path $mount
        $mounted = $false
        if ($IsLinux -and (id -u) -eq '0') {
            & mount -t tmpfs -o size=64k tmpfs $mount 2>$null
            $mounted = $LASTEXITCODE -eq 0
        }
    }

    AfterAll {
        if ($mounted) { & umount -l $mount }
    }

    It 'holds back a row it cannot record, and names every task it created but could not record' -Skip:(-not $canMount) {
        $filler = Join-Path $mount 'filler.bin'
        [IO.File]::WriteAllBytes($filler, (New-Object byte[] (48KB)))
        $journal = Join-Path $mount 'batch.journal'
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ prompt = "full disk row $_" } }
        Clear-EmulatorRequest -Emulator $emu

        $errors = $null
        $tasks = @($rows | New-4oImage -Journal $journal -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable errors)

        $created = @(Get-EmulatorRequest -Emulator $emu -Endpoint generate | Where-Object { $_.taskId } | ForEach-Object { $_.taskId })
        $created.Count | Should -BeGreaterThan 0
        @($errors | Where-Object FullyQualifiedErrorId -like 'FourOImage.Generate.JournalWriteFailed*').Count |
            Should -BeGreaterThan 0 -Because 'the disk fills up during the batch'
        $shown = ($errors | ForEach-Object { $_.Exception.Message }) -join "`n"
        foreach ($id in $created) {
            if ($tasks.TaskId -notcontains $id) {
                $shown | Should -Match $id -Because "task $id was created and charged, so it must be in the output or an error"
            }
        }
        $notSent = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'FourOImage.Generate.JournalWriteFailed*' -and $_.Exception.Message -match 'was not sent' })
        ($created.Count + $notSent.Count) | Should -Be 40 -Because 'every row is either sent or held back with an error that says so'
        $errors | ForEach-Object { $_.CategoryInfo.Reason } | Should -Not -Contain 'PipelineStoppedException'
        $script:unrecorded = @($errors | Where-Object { $_.Exception.TaskId }).Count
    }

    It 'gives the next run the real reason, not "in use", and then resumes without paying twice once there is space' -Skip:(-not $canMount) {
        $journal = Join-Path $mount 'batch.journal'
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ prompt = "full disk row $_" } }
        # Whatever space the first run left is taken too, so the next run cannot write a single record.
        $rest = [IO.File]::OpenWrite((Join-Path $mount 'rest.bin'))
        try { while ($true) { $rest.Write((New-Object byte[] 512), 0, 512); $rest.Flush() } } catch { } finally { try { $rest.Dispose() } catch { } }
        $stillFull = $null
        try { $rows | New-4oImage -Journal $journal -ErrorAction Stop } catch { $stillFull = $_ }
        $stillFull.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Journal.Unavailable*'
        $stillFull.Exception.Message | Should -Not -Match 'in use'
        $stillFull.Exception.Message | Should -Match 'could not be written|cannot be written'

        Remove-Item -LiteralPath (Join-Path $mount 'filler.bin'), (Join-Path $mount 'rest.bin')
        $warnings = $null
        $tasks = @($rows | New-4oImage -Journal $journal -WarningVariable warnings -WarningAction SilentlyContinue)
        $warnings = @($warnings | Where-Object { "$_" -notlike 'Resuming the batch*' })
        $allCreated = @(Get-EmulatorRequest -Emulator $emu -Endpoint generate | Where-Object { $_.taskId })
        $allCreated.Count | Should -Be 40 -Because 'rows held back are sent now, and a row whose task was not recorded is only warned about, not paid again'
        $warnings.Count | Should -Be $script:unrecorded -Because 'exactly the rows whose task id the first run could not record have an unknown outcome'
        ($tasks.Count + $warnings.Count) | Should -Be 40
        @($allCreated.taskId | Select-Object -Unique).Count | Should -Be $allCreated.Count
    }
}

Describe 'A journal path that cannot be used' {
    It 'says a folder is a folder' {
        $folder = Join-Path $TestDrive 'a-folder'
        $null = New-Item -ItemType Directory -Path $folder
        $failure = $null
        try { New-4oImage 'a fox' -Journal $folder -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Journal.Unavailable*'
        $failure.Exception.Message | Should -Match 'is a folder'
    }

    It 'says a read-only folder cannot be written, not that the journal is in use' -Skip:(-not $canMount) {
        $readOnly = Join-Path $TestDrive 'read-only'
        $null = New-Item -ItemType Directory -Path $readOnly
        & mount -t tmpfs -o size=16k,ro tmpfs $readOnly
        try {
            $failure = $null
            try { New-4oImage 'a fox' -Journal (Join-Path $readOnly 'batch.journal') -ErrorAction Stop } catch { $failure = $_ }
            $failure.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Journal.Unavailable*'
            $failure.Exception.Message | Should -Not -Match 'in use'
            $failure.Exception.Message | Should -Match 'cannot be written'
        }
        finally {
            & umount -l $readOnly
        }
    }
}

Describe 'Failed rows tried again through the journal' {
    BeforeAll {
        $journal = Join-Path $TestDrive 'retry.journal'
        $out = Join-Path $TestDrive 'retry-out'
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ prompt = "retry row $_" } }
        Set-EmulatorFault -Emulator $emu -Faults @{ taskFailureRate = 1.0 }
        try {
            $firstErrors = $null
            $null = $rows | New-4oImage -Journal $journal | Wait-4oImageTask -ErrorAction SilentlyContinue -ErrorVariable firstErrors
        }
        finally {
            Reset-EmulatorFault -Emulator $emu
        }
        Clear-EmulatorRequest -Emulator $emu
    }

    It 'failed every row the first time' {
        @($firstErrors | Where-Object FullyQualifiedErrorId -like 'FourOImage.Task.Failed*').Count | Should -Be 3
    }

    It 'does not recreate failed rows without -RetryFailed, and says how to' {
        $errors = $null
        $null = $rows | New-4oImage -Journal $journal | Wait-4oImageTask -ErrorAction SilentlyContinue -ErrorVariable errors
        @(Get-EmulatorRequest -Emulator $emu -Endpoint generate).Count | Should -Be 0
        @($errors).Count | Should -Be 3
        $errors | ForEach-Object { $_.ErrorDetails.RecommendedAction } | Should -Match '-RetryFailed'
    }

    It 'only says what it would do under -WhatIf' {
        # "What if:" goes to the host, which a transcript records.
        $transcript = Join-Path $TestDrive 'retry-whatif.txt'
        $null = Start-Transcript -LiteralPath $transcript
        try { $rows | New-4oImage -Journal $journal -RetryFailed -WhatIf } finally { $null = Stop-Transcript }
        $whatIf = Get-Content -Raw -LiteralPath $transcript
        @(Get-EmulatorRequest -Emulator $emu -Endpoint generate).Count | Should -Be 0
        ([regex]::Matches($whatIf, 'What if:')).Count | Should -Be 3
        $whatIf | Should -Match 'failed'
    }

    It 'creates a new task for each failed row with -RetryFailed, and the rows end saved' {
        $saved = @($rows | New-4oImage -Journal $journal -RetryFailed -Confirm:$false | Wait-4oImageTask | Save-4oImage -Path $out)
        $saved.Count | Should -Be 3
        @(Get-EmulatorRequest -Emulator $emu -Endpoint generate).Count | Should -Be 3
        (Get-4oImageJournal $journal).Succeeded | Should -Be 3
    }

    It 'leaves rows that did not fail alone, also with -RetryFailed' {
        Clear-EmulatorRequest -Emulator $emu
        $null = $rows | New-4oImage -Journal $journal -RetryFailed | Wait-4oImageTask
        @(Get-EmulatorRequest -Emulator $emu -Endpoint generate).Count | Should -Be 0
    }
}

Describe 'File names that collide' {
    It 'saves three tasks of one prompt as three files with three paths, and a re-run adds none' {
        $out = Join-Path $TestDrive 'foxes'
        $csv = Join-Path $TestDrive 'foxes.csv'
        @([pscustomobject]@{ prompt = 'A red fox'; size = '1:1' }, [pscustomobject]@{ prompt = 'A red fox'; size = '3:2' },
            [pscustomobject]@{ prompt = 'A red fox'; size = '2:3' }) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $errors = $null
        $tasks = @(Import-Csv $csv | New-4oImage | Wait-4oImageTask)
        $files = @($tasks | Save-4oImage -Path $out -FileName '{Prompt}_{Index}.{Ext}' -ErrorVariable errors)

        $errors | Should -BeNullOrEmpty
        $files.Count | Should -Be 3
        @($files.FullName | Select-Object -Unique).Count | Should -Be 3
        @(Get-ChildItem -LiteralPath $out -File).Count | Should -Be 3
        $sizes = foreach ($file in $files) { $png = Get-PngSize $file.FullName; '{0}x{1}' -f $png.Width, $png.Height }
        $sizes | Sort-Object | Should -Be @('1024x1024', '1024x1536', '1536x1024')

        $again = @($tasks | Save-4oImage -Path $out -FileName '{Prompt}_{Index}.{Ext}' -ErrorVariable errors)
        $errors | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $out -File).Count | Should -Be 3
        @($again | Where-Object { $files.FullName -notcontains $_.FullName }) | Should -BeNullOrEmpty
    }

    It 'gives device names and names differing in case names of their own' {
        $out = Join-Path $TestDrive 'devices'
        $files = @('CON', 'con', 'Con' | New-4oImage | Wait-4oImageTask | Save-4oImage -Path $out -FileName '{Prompt}.{Ext}')
        $files.Count | Should -Be 3
        @($files.Name | ForEach-Object { $_.ToUpperInvariant() } | Select-Object -Unique).Count | Should -Be 3
        $files.Name | ForEach-Object { $_ | Should -Not -Match '^(CON|PRN|AUX|NUL)(\.|$)' }
    }
}

Describe 'Temporary files' {
    It 'never removes a file of the user that looks like a temporary file' {
        $out = Join-Path $TestDrive 'dotted'
        $task = 'a dotted fox' | New-4oImage | Wait-4oImageTask
        $saved = $task | Save-4oImage -Path $out -FileName '.{TaskId}_{Index}.png.abcdefabcdef.partial'
        $saved | Should -Not -BeNullOrEmpty
        'another fox' | New-4oImage | Wait-4oImageTask | Save-4oImage -Path $out | Out-Null
        Test-Path -LiteralPath $saved.FullName | Should -BeTrue
    }
}

Describe 'The adversarial run, reduced' {
    # bench/adversarial.ps1 at a small scale: faults on every endpoint, the batch killed once mid-run and resumed.
    BeforeAll {
        $figures = & (Join-Path $repoRoot 'bench/adversarial.ps1') -Rows 12 -FaultRate 0.03 -KillAfter 5 -Seed 5 -PassThru `
            -WorkFolder (Join-Path $TestDrive 'adversarial')
    }

    It 'ends with every row saved or named in an error or warning' {
        $figures.RowsUnaccounted | Should -Be 0 -Because ($figures.Unaccounted -join '; ')
        ($figures.RowsSaved + $figures.RowsNamedNotSaved) | Should -Be 12
        $figures.RowsSaved | Should -BeGreaterThan 0
    }

    It 'pays for no row twice' {
        $figures.RowsPaidTwice | Should -Be 0 -Because ($figures.PaidTwice -join '; ')
    }

    It 'leaves no temporary file and the key nowhere' {
        $figures.TempFilesLeft | Should -Be 0
        $figures.FilesWithTheKey | Should -Be 0 -Because ($figures.KeyFoundIn -join '; ')
        $figures.FilesSearched | Should -BeGreaterThan 12
    }
}
