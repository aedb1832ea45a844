#Requires -Version 5.1
# Pester 5: a journaled batch from a UTF-8 CSV without a byte order mark, read by Import-Csv as PowerShell 7 reads it
# (UTF-8) and as Windows PowerShell 5.1 reads it (the ANSI code page, here -Encoding 1252, the Western one), against
# the local emulator. The journal knows every row either way, so no row is created twice.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot)

    $csv = Join-Path $TestDrive 'prompts.csv'
    $lines = @('prompt,size', '"Café de Flore at dawn, watercolor",3:2', '"A lighthouse in a storm",1:1', '"Ångström über Straße — ink",2:3')
    [IO.File]::WriteAllText($csv, ($lines -join "`n"), [Text.UTF8Encoding]::new($false))
    $journal = Join-Path $TestDrive 'batch.journal'
    $connection = @{ ApiKey = $emu.ApiKey; BaseUrl = $emu.ApiBaseUrl }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
}

Describe 'A UTF-8 CSV without a byte order mark' {
    It 'reads garbled in the ANSI code page, as Windows PowerShell 5.1 reads it' {
        (Import-Csv $csv -Encoding 1252)[0].prompt | Should -BeExactly 'CafÃ© de Flore at dawn, watercolor'
        (Import-Csv $csv -Encoding UTF8)[0].prompt | Should -BeExactly 'Café de Flore at dawn, watercolor'
    }

    It 'resumed with the prompts read in the ANSI code page creates no task twice, and says how to read it' {
        $first = @(Import-Csv $csv | New-4oImage -Journal $journal @connection)
        $first.Count | Should -Be 3
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 3

        $warnings = $null
        $resumed = @(Import-Csv $csv -Encoding 1252 | New-4oImage -Journal $journal @connection -WarningVariable warnings -WarningAction SilentlyContinue)

        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 3
        ($resumed.TaskId | Sort-Object) | Should -Be ($first.TaskId | Sort-Object)
        $warnings = @($warnings | Where-Object { "$_" -notlike 'Resuming the batch*' })
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "Row 1 ('CafÃ© de Flore*') is row 1 of the journal ('Café de Flore*') read in another text encoding*"
        "$($warnings[0])" | Should -BeLike '*Import-Csv -Encoding UTF8*'
        (Get-4oImageJournal -Path $journal).Created | Should -Be 3
    }
}
