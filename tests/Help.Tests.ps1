#Requires -Version 5.1
# Pester 5: the help that the build generates from docs/ (tools/FourOImage.HelpGen), as Get-Help shows it in a
# real PowerShell, offline. Needs only the built module (out/FourOImage), no emulator.
# Run: ./build.ps1 -Task Pester   (or Invoke-Pester ./tests/Help.Tests.ps1 after ./build.ps1 -Task Build)

BeforeDiscovery {
    $script:cmdletNames = @('Connect-4oImage', 'New-4oImage', 'Get-4oImageTask', 'Wait-4oImageTask', 'Save-4oImage', 'Get-4oCredit', 'Get-4oImageJournal', 'Get-4oImageInfo', 'Export-4oImageGallery')
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force

    # The synopsis as written in docs/<name>.md: the lines under '## SYNOPSIS' up to the next blank line.
    function Get-DocsSynopsis([string] $Name) {
        $lines = Get-Content (Join-Path $repoRoot "docs/$Name.md")
        $start = [array]::IndexOf($lines, '## SYNOPSIS') + 1
        $text = @()
        for ($i = $start; $i -lt $lines.Count -and $lines[$i].Trim() -ne ''; $i++) { $text += $lines[$i].Trim() }
        $text -join ' '
    }
}

AfterAll {
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'Get-Help <_>' -ForEach $cmdletNames {
    BeforeAll {
        $name = $_
        $help = Get-Help $name -Full
        $command = Get-Command $name
    }

    It 'comes from the generated help file' {
        $help.Synopsis.Trim() | Should -Be (Get-DocsSynopsis $name)
        (@($help.description).Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples, one of them with Import-Csv' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        ($examples.code -join "`n") | Should -Match 'Import-Csv'
    }

    It 'describes every parameter of the command' {
        $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'
        foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $common }) {
            $entry = @($help.parameters.parameter) | Where-Object { $_.name -eq $parameter.Name }
            $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) should be in the help"
            (@($entry.description).Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) should be described"
        }
    }

    It 'names its output type' {
        (@($help.returnValues.returnValue).type.name -join ' ') | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_FourOImage' {
    It 'is found offline, with the conceptual sections' {
        $text = Get-Help about_FourOImage | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'FOUROIMAGE_API_KEY'
        $text | Should -Match 'Get-Secret'
    }
}
