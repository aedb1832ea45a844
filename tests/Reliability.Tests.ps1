#Requires -Version 5.1
# Pester 5: issue 12 (nothing lost, nothing paid twice, nothing leaked) in a real PowerShell against the local
# emulator: credentials in URLs, journal failures, failed rows, file-name collisions and temporary files.
# Run: ./build.ps1 -Task Pester -PesterPath tests/Reliability.Tests.ps1 (after ./build.ps1 -Task Build)

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
