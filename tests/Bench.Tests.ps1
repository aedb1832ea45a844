#Requires -Version 5.1
# Pester 5: the benchmark's PowerShell scripts work in a fresh PowerShell as the bench runs them (bench/pipeline.ps1 on
# its own and against a given emulator, bench/script-sequential.ps1, bench/script-parallel.ps1), and count failed rows
# instead of stopping.
# Nothing here depends on timing: the figures are the bench's business (docs/performance.md).
# Run: ./build.ps1 -Task Pester -PesterPath tests/Bench.Tests.ps1

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $emulatorDll = Find-EmulatorDll -RepoRoot $repoRoot
    $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--generation-time', '0.5', '--distinct-pictures', '2'

    # Runs a bench script in a fresh PowerShell, as bench/FourOImage.Bench does, and returns the result it wrote. The
    # child renders its formatted output as plain text, so the summary it prints can be matched in any terminal.
    function Invoke-BenchScript([string] $Script, [hashtable] $Parameters) {
        $quote = { param($text) "'" + ("$text" -replace "'", "''") + "'" }
        $resultPath = Join-Path $TestDrive ([guid]::NewGuid().ToString('n') + '.json')
        $command = "if (`$PSStyle) { `$PSStyle.OutputRendering = 'PlainText' }; & $(& $quote (Join-Path $repoRoot $Script))"
        foreach ($name in $Parameters.Keys) {
            $value = $Parameters[$name]
            $command += if ($value -is [bool]) { " -$($name):`$$value" } else { " -$name $(& $quote $value)" }
        }
        $command += " -ResultPath $(& $quote $resultPath)"
        $ErrorActionPreference = 'Continue'
        $output = @(Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $command 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Output   = $output
            Result   = if (Test-Path $resultPath) { Get-Content -Raw $resultPath | ConvertFrom-Json } else { $null }
        }
    }

    function Get-CompletePng([string] $Folder) {
        @(Get-ChildItem -Path $Folder -Filter *.png -File | Where-Object {
                $bytes = [IO.File]::ReadAllBytes($_.FullName)
                $bytes.Length -gt 16 -and $bytes[1] -eq 0x50 -and [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 8, 4) -eq 'IEND'
            })
    }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
}

Describe 'bench/pipeline.ps1 (run A)' -Tag Slow {
    It 'runs the real cmdlets against an emulator it starts itself, and reports every file saved' {
        $images = Join-Path $TestDrive 'own'
        $run = Invoke-BenchScript 'bench/pipeline.ps1' @{ Rows = 3; Variants = 2; GenerationTime = 0.5; Path = $images; NoProgress = $true }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Result.Objects | Should -Be 6
        $run.Result.Errors | Should -Be 0
        $run.Result.PowerShell | Should -Be $PSVersionTable.PSVersion.ToString()
        $run.Result.ImportModuleSeconds | Should -BeGreaterThan 0
        (Get-CompletePng $images).Count | Should -Be 6
        # On its own it also prints its summary, from the emulator's request log.
        ($run.Output -join "`n") | Should -Match 'RecordInfoPerTask'
        ($run.Output -join "`n") | Should -Match 'ImagesLost\s*:\s*0'
        ($run.Output -join "`n") | Should -Match 'GenerateRefusedByWindow\s*:\s*0'
    }

    It 'uses a given emulator, and counts failed rows instead of stopping at the first' {
        $images = Join-Path $TestDrive 'given'
        Set-EmulatorFault -Emulator $emu -Faults @{ taskFailureRate = 1 }
        try {
            $run = Invoke-BenchScript 'bench/pipeline.ps1' @{ Rows = 3; Variants = 1; ApiBaseUrl = $emu.ApiBaseUrl; ApiKey = $emu.ApiKey; Path = $images }
        }
        finally { Reset-EmulatorFault -Emulator $emu }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Result.Objects | Should -Be 0
        $run.Result.Errors | Should -Be 3
        $run.Result.FirstErrors[0] | Should -Match 'FourOImage\.'
    }
}

Describe 'bench/script-sequential.ps1 (run B)' -Tag Slow {
    It 'generates, polls and downloads one row at a time with the web cmdlets' {
        $images = Join-Path $TestDrive 'sequential'
        Clear-EmulatorRequest -Emulator $emu
        $run = Invoke-BenchScript 'bench/script-sequential.ps1' @{ Rows = 2; Variants = 2; ApiBaseUrl = $emu.ApiBaseUrl; ApiKey = $emu.ApiKey; Path = $images; PollSeconds = 0.6 }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Result.Objects | Should -Be 4
        $run.Result.Errors | Should -Be 0
        (Get-CompletePng $images).Count | Should -Be 4
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 2
    }
}

Describe 'bench/script-parallel.ps1 (run C)' -Tag Slow {
    It 'runs the rows in parallel runspaces with the web cmdlets' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $images = Join-Path $TestDrive 'parallel'
        Clear-EmulatorRequest -Emulator $emu
        $run = Invoke-BenchScript 'bench/script-parallel.ps1' @{ Rows = 3; Variants = 1; ApiBaseUrl = $emu.ApiBaseUrl; ApiKey = $emu.ApiKey; Path = $images; PollSeconds = 0.3 }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Result.Objects | Should -Be 3
        $run.Result.Errors | Should -Be 0
        (Get-CompletePng $images).Count | Should -Be 3
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 3
    }
}
