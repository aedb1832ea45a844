#Requires -Version 5.1
# Pester 5: Save-4oImage starts on a task the moment the command right before it has it, even while another command
# holds the pipeline thread (PowerShell lets only that one write), and only when it is the very next command of the
# same pipeline. Here a script block at the head of the pipeline holds the thread, as New-4oImage does while its rows
# wait for a submission slot; it looks at the output folder before it lets go.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '1'
    Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -SkipKeyCheck

    # Emits a new task, then holds the pipeline thread until a PNG is in $Folder (true) or until the task has ended and
    # Wait-4oImageTask has had a few polls' time to see it (false); with -UntilSaved, where a file is expected, until the
    # PNG is there however slow a busy machine is. Never longer than the hang guard.
    function Start-Holding([string] $Prompt, [string] $Folder, [switch] $UntilSaved) {
        $task = New-4oImage -Prompt $Prompt
        $task
        $guard = [Diagnostics.Stopwatch]::StartNew()
        $endedAt = $null
        while ($guard.Elapsed.TotalSeconds -lt 30) {
            if (@(Get-ChildItem -LiteralPath $Folder -Filter *.png -ErrorAction SilentlyContinue).Count -gt 0) {
                $global:savedWhileHeld = $true
                return
            }
            if (-not $endedAt -and (Get-4oImageTask -TaskId $task.TaskId).Status -eq 'Success') { $endedAt = $guard.Elapsed.TotalSeconds }
            if ($endedAt -and -not $UntilSaved -and $guard.Elapsed.TotalSeconds -gt $endedAt + 4) { break }
            Start-Sleep -Milliseconds 100
        }
        $global:savedWhileHeld = $false
    }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Variable -Name savedWhileHeld -Scope Global -ErrorAction SilentlyContinue
}

Describe 'Save-4oImage right after Wait-4oImageTask' {
    It 'saves a finished task while the command at the head of the pipeline still holds the thread, and emits its file once' {
        $out = Join-Path $TestDrive 'held'
        Clear-EmulatorRequest -Emulator $emu
        $files = @(Start-Holding 'A heron at dawn' $out -UntilSaved | Wait-4oImageTask | Save-4oImage -Path $out)

        $global:savedWhileHeld | Should -BeTrue -Because 'the task ended while the head of the pipeline held the thread'
        $files.Count | Should -Be 1
        $files[0].Name | Should -Be (Get-ChildItem -LiteralPath $out -Filter *.png).Name
        @(Get-EmulatorRequest -Emulator $emu | Where-Object host -EQ 'image').Count | Should -Be 1 -Because 'the image is downloaded once'
    }

    It 'saves nothing the command in between does not pass on' {
        $out = Join-Path $TestDrive 'filtered'
        $files = @(Start-Holding 'A heron at dusk' $out | Wait-4oImageTask | Where-Object Prompt -EQ 'something else' | Save-4oImage -Path $out)

        $global:savedWhileHeld | Should -BeFalse
        $files.Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $out -File -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'saves nothing for a pipeline of the same shape started inside the pipeline' {
        # The begin block of the command after Wait-4oImageTask runs its own `... | Save-4oImage` as a steppable pipeline
        # at the same position of a pipeline of the same length: it is not the next command of the outer pipeline.
        $out = Join-Path $TestDrive 'outer'
        $inner = Join-Path $TestDrive 'inner'
        $files = @(Start-Holding 'A heron at noon' $out | Wait-4oImageTask | & {
                begin {
                    $steppable = { Write-Output | Write-Output | Save-4oImage -Path $inner }.GetSteppablePipeline()
                    $steppable.Begin($true)
                }
                process { $_ }
                end { $steppable.End() }
            })

        $global:savedWhileHeld | Should -BeFalse
        $files.Count | Should -Be 1
        @(Get-ChildItem -LiteralPath $inner -File -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}
