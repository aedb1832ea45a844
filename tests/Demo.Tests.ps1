#Requires -Version 5.1
# The demo (issue 13, item 7): `build.ps1 -Task Demo` with its output redirected, as in a CI log, prints plain text
# that fits 80 columns and names every prompt with its files, instead of a table that drops columns.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $out = Join-Path $TestDrive 'demo'
    $savedNoColor = $env:NO_COLOR
    # Colour is left to the demo: only the redirection may make it plain.
    $env:NO_COLOR = $null
    try {
        $ErrorActionPreference = 'Continue'
        $lines = @(Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -File (Join-Path $repoRoot 'build.ps1') -Task Demo -DemoOutput $out 2>&1 |
            ForEach-Object { "$_" })
        $exitCode = $LASTEXITCODE
    }
    finally {
        $env:NO_COLOR = $savedNoColor
        $ErrorActionPreference = 'Stop'
    }
    $summaryStart = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($line) $line -like 'Saved * image(s) for * prompt(s),*' })
    $summary = if ($summaryStart -ge 0) { $lines[$summaryStart..($lines.Count - 1)] } else { @() }
}

Describe 'build.ps1 -Task Demo, redirected' -Tag Slow {
    It 'succeeds and says where the images are' {
        $exitCode | Should -Be 0
        $lines[-1] | Should -Be "Images are in $out"
    }

    It 'prints a summary in plain text, no line wider than 80 columns' {
        $summary.Count | Should -BeGreaterThan 4
        foreach ($line in $summary) {
            $line | Should -Not -Match "`e" -Because 'a redirected log holds no escape codes'
            $line.Length | Should -BeLessOrEqual 80
        }
    }

    It 'names every prompt of samples/prompts.csv with its files under it' {
        $prompts = @(Import-Csv -LiteralPath (Join-Path $repoRoot 'samples/prompts.csv')).prompt
        foreach ($prompt in $prompts) {
            $shown = if ($prompt.Length -le 77) { "  $prompt" } else { '  ' + $prompt.Substring(0, 74) + '...' }
            $summary | Should -Contain $shown
        }
        foreach ($file in Get-ChildItem -LiteralPath $out -Filter *.png) {
            @($summary | Where-Object { $_ -like "    $($file.Name)  *" }).Count | Should -Be 1
        }
    }
}
