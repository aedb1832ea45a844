#Requires -Version 5.1
# Errors that name their row: every per-row error of `Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage`
# says which input it is about (Row N and a short prompt) and names parameters as the help shows them; a cell that
# binding cannot read (Variants 'two', Enhance 'maybe') is such an error, before any request, never a silent change.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '1', '--refused-words', 'forbidden'
    Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -UploadBaseUrl $emu.ApiBaseUrl

    function ConvertFrom-CsvLines([string[]] $Lines) { $Lines | ConvertFrom-Csv }

    # What PowerShell shows for an error: ErrorDetails.Message when set, else the exception's message.
    function Get-ShownMessage($ErrorRecord) {
        if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $ErrorRecord.ErrorDetails.Message } else { $ErrorRecord.Exception.Message }
    }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'A Variants cell that is not exactly 1, 2 or 4 (issue 12, item 5)' {
    BeforeAll {
        Clear-EmulatorRequest -Emulator $emu
        $rows = ConvertFrom-CsvLines @(
            'prompt,n'
            'fine with one,1'
            'spelled out,two'
            'far too many,99999999999'
            'a fraction,2.5'
            'three is not allowed,3'
            'leading zero,02'
            'fine with four, 4 '
            'an empty cell means one,'
        )
        $created = @($rows | New-4oImage -ErrorVariable rowErrors -ErrorAction SilentlyContinue)
    }

    It 'is an error naming the row, its prompt, -Variants and the cell, for <Row>' -ForEach @(
        @{ Row = 2; Prompt = 'spelled out'; Cell = 'two' }
        @{ Row = 3; Prompt = 'far too many'; Cell = '99999999999' }
        @{ Row = 4; Prompt = 'a fraction'; Cell = '2.5' }
        @{ Row = 5; Prompt = 'three is not allowed'; Cell = '3' }
        @{ Row = 6; Prompt = 'leading zero'; Cell = '02' }
    ) {
        $rowError = @($rowErrors | Where-Object { $_.TargetObject.Prompt -eq $Prompt })
        $rowError.Count | Should -Be 1
        $rowError[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.InvalidArgument,*'
        $rowError[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ShownMessage $rowError[0] | Should -BeExactly "Row $Row ('$Prompt'): -Variants must be 1, 2 or 4, not '$Cell'."
        ($rowError[0] | Out-String) | Should -Match ([regex]::Escape("Row $Row ('$Prompt')"))
    }

    It 'sends nothing for those rows and exactly what the others asked for' {
        $rowErrors.Count | Should -Be 5
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 3
        $tasks = $created | Get-4oImageTask
        ($tasks | Sort-Object Prompt | ForEach-Object { '{0}={1}' -f $_.Prompt, $_.Variants }) |
            Should -Be 'an empty cell means one=1', 'fine with four=4', 'fine with one=1'
    }

    It 'is a terminating error on the command line, before any request: -Variants <Value>' -ForEach @(
        @{ Value = 'two' }
        @{ Value = 2.5 }
        @{ Value = 3 }
    ) {
        Clear-EmulatorRequest -Emulator $emu
        { New-4oImage 'a command-line prompt' -Variants $Value } |
            Should -Throw -ErrorId 'FourOImage.Generate.InvalidArgument,FourOImage.Commands.New4oImageCommand' -ExpectedMessage "-Variants must be 1, 2 or 4, not '$Value'."
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 0
    }
}

Describe 'Every per-row error names the row and a short prompt (issue 13, item 2)' {
    It 'names the row of an empty prompt with the parameters as the help shows them' {
        $rows = ConvertFrom-CsvLines @('prompt,size', 'first,1:1', ',3:2', 'third,5:4')
        $null = $rows | New-4oImage -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        $rowErrors.Count | Should -Be 2
        $shown = $rowErrors | ForEach-Object { Get-ShownMessage $_ }
        $shown[0] | Should -BeExactly 'Row 2 (no prompt): There is nothing to generate from: give -Prompt, input images with -ImageUrl or -ImagePath, or both.'
        $shown[1] | Should -BeExactly "Row 3 ('third'): -Size must be 1:1, 3:2 or 2:3, not '5:4'."
        ($shown -join ' ') | Should -Not -Match 'FilesUrl|nVariants|Parameter '''
    }

    It 'counts a row whose yes/no cell is unreadable, so later rows keep their numbers' {
        $rows = ConvertFrom-CsvLines @('prompt,enhance', 'first,yes', 'second,maybe', 'third,2.5', 'fourth,no')
        $created = @($rows | New-4oImage -ErrorVariable rowErrors -ErrorAction SilentlyContinue)
        $created.Count | Should -Be 2
        ($rowErrors | ForEach-Object { Get-ShownMessage $_ }) | Should -BeExactly @(
            "Row 2 ('second'): -Enhance takes true, false, yes, no, 1, 0 or an empty cell, not 'maybe'."
            "Row 3 ('third'): -Enhance takes true, false, yes, no, 1, 0 or an empty cell, not '2.5'."
        )
        ($created | Sort-Object Row).Row | Should -Be 1, 4
    }

    It 'names the row of a path on another provider' {
        $rows = @([pscustomobject]@{ prompt = 'from the environment'; file = 'Env:/PATH' })
        $null = $rows | New-4oImage -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        Get-ShownMessage $rowErrors[0] | Should -BeLike "Row 1 ('from the environment'): -ImagePath takes file-system paths*"
    }

    It 'names the row when the service refuses it, and long prompts are shortened' {
        $long = 'A very long prompt about a lighthouse on a cliff in a storm at night, with waves'
        # Each row refused on its own (an empty balance would stop the rows after the first: issue 16).
        $refusal = @{ endpoint = 'generate'; kind = 'bodyCode'; code = 422; count = 2 } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri ($emu.AdminUrl + 'faults/enqueue') -Body $refusal -ContentType 'application/json' | Out-Null
        $null = @('short one', $long) | New-4oImage -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        $rowErrors.Count | Should -Be 2
        $byPrompt = @{}
        $rowErrors | ForEach-Object { $byPrompt[$_.TargetObject.Prompt] = Get-ShownMessage $_ }
        $byPrompt['short one'] | Should -BeLike "Row 1 ('short one'): *"
        $byPrompt[$long] | Should -BeLike "Row 2 ('A very long prompt about a lighthouse o$([char]0x2026)'): *"
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.InvalidRequest,*'
    }

    It 'names the row in Wait-4oImageTask when a row''s task fails' {
        $rows = ConvertFrom-CsvLines @('prompt', 'a quiet garden', 'something forbidden')
        $done = @($rows | New-4oImage | Wait-4oImageTask -ErrorVariable taskErrors -ErrorAction SilentlyContinue)
        $done.Count | Should -Be 1
        $done[0].Row | Should -Be 1
        $taskErrors.Count | Should -Be 1
        $taskErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Task.Failed,*'
        Get-ShownMessage $taskErrors[0] | Should -BeLike "Row 2 ('something forbidden'): *flagged*"
    }

    It 'names the task and its prompt when there is no row to name' {
        $task = New-4oImage 'another forbidden prompt'
        $task.Row | Should -BeNullOrEmpty
        $null = $task | Wait-4oImageTask -ErrorVariable taskErrors -ErrorAction SilentlyContinue
        Get-ShownMessage $taskErrors[0] | Should -BeLike "Task $($task.TaskId) ('another forbidden prompt'): *"
    }
}

Describe 'Tab completion of values (issue 13, item 5)' {
    It 'offers 1, 2 and 4 for -Variants' {
        $line = 'New-4oImage -Variants '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be '1', '2', '4'
    }

    It 'offers the template fields after an open brace in Save-4oImage -FileName <Typed>' -ForEach @(
        @{ Typed = "'{"; Expected = "'{TaskId}'", "'{Index}'", "'{Size}'", "'{Prompt}'", "'{Date}'", "'{Ext}'" }
        @{ Typed = "'{Prompt}_{In"; Expected = @("'{Prompt}_{Index}'") }
        @{ Typed = "'my_{pr"; Expected = @("'my_{Prompt}'") }
    ) {
        $line = "Save-4oImage -FileName $Typed"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be $Expected
    }

    It 'offers whole templates for an empty -FileName' {
        $line = 'Save-4oImage -FileName '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'{TaskId}_{Index}.png'"
    }
}

Describe 'A CSV whose prompt column has an unrecognised name (issue 24, item 6)' {
    It 'warns once, naming the columns it did not recognise, and sends nothing for rows with nothing to generate from' {
        Clear-EmulatorRequest -Emulator $emu
        $rows = ConvertFrom-CsvLines @('"prompt ",size,Promt', 'a fox,1:1,x', 'a hen,1:1,y')
        $created = @($rows | New-4oImage -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable rowErrors -ErrorAction SilentlyContinue)
        $created | Should -BeNullOrEmpty
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -BeLike "*no prompt column*not recognised: 'prompt ', 'Promt'.*"
        "$($warned[0])" | Should -Not -BeLike "*'size'*"
        $rowErrors.Count | Should -Be 2
    }
}

Describe 'A temp folder that cannot hold the submission state (issue 24, item 6)' {
    It 'says once, as a warning, that pacing covers this process only' -Skip:($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        # Another host name for the same emulator is another account, whose limiter looks for its state file now.
        $otherAccount = $emu.ApiBaseUrl -replace '127\.0\.0\.1', 'localhost'
        $notAFolder = Join-Path $TestDrive 'not-a-folder'
        Set-Content -LiteralPath $notAFolder -Value 'a file'
        $savedTemp = $env:TMPDIR
        $env:TMPDIR = $notAFolder
        try {
            $created = @('one', 'two' | New-4oImage -BaseUrl $otherAccount -WarningVariable warned -WarningAction SilentlyContinue)
            $created += @(New-4oImage -Prompt 'three' -BaseUrl $otherAccount -WarningVariable warnedAgain -WarningAction SilentlyContinue)
        }
        finally { $env:TMPDIR = $savedTemp }
        $created.Count | Should -Be 3
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -BeLike 'Submission pacing covers this process only:*'
        @($warnedAgain).Count | Should -Be 0
    }
}
