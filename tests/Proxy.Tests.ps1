#Requires -Version 5.1
# Corporate proxies through the built module: Connect-4oImage -Proxy/-ProxyCredential and FOUROIMAGE_PROXY, against a
# loopback proxy that demands Basic credentials (the xunit suite's LoopbackProxy, compiled here with Add-Type) in
# front of the emulator.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '0.2'

    if (-not ('FourOImage.Core.Tests.Proxy.LoopbackProxy' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'FourOImage.Core.Tests/Proxy/LoopbackProxy.cs')
    }
    $proxyPassword = 'p@ss:w0rd'
    $proxy = [FourOImage.Core.Tests.Proxy.LoopbackProxy]::RequiringBasic('alice', $proxyPassword)
    $proxyCredential = [pscredential]::new('alice', (ConvertTo-SecureString $proxyPassword -AsPlainText -Force))
}

AfterAll {
    if ($proxy) { $proxy.DisposeAsync().AsTask().Wait() }
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
}

Describe 'An authenticating proxy' {
    It 'stops Connect-4oImage without a proxy credential with FourOImage.Connect.ProxyAuthenticationRequired, saying how' {
        $caught = $null
        try {
            Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -Proxy $proxy.Address
        }
        catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Connect.ProxyAuthenticationRequired,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.Exception.Message | Should -Match '407'
        $caught.Exception.Message | Should -Match 'Connect-4oImage -ProxyCredential'
        $caught.ErrorDetails.RecommendedAction + $caught.Exception.Message | Should -Match 'FOUROIMAGE_PROXY'
        ($caught | Out-String) | Should -Not -Match $emu.ApiKey
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'credit').Count | Should -Be 0
    }

    It 'carries a batch through with -ProxyCredential, and the key still goes only to the API host' {
        $before = $proxy.Requests.Count
        $verbose = Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -UploadBaseUrl $emu.ApiBaseUrl -Proxy $proxy.Address -ProxyCredential $proxyCredential -Verbose 4>&1
        ($verbose | Out-String) | Should -Match ([regex]::Escape("through proxy $($proxy.Address.AbsoluteUri) as alice"))
        ($verbose | Out-String) | Should -Not -Match ([regex]::Escape($proxyPassword))

        $files = @('a lighthouse', 'a fox') | New-4oImage | Wait-4oImageTask | Save-4oImage -Path (Join-Path $TestDrive 'out')
        $files.Count | Should -Be 2

        $seen = @($proxy.Requests | Select-Object -Skip $before | Where-Object Authorized)
        $images = @($seen | Where-Object { ([uri]$_.Target).Port -eq ([uri]$emu.ImageBaseUrl).Port })
        $api = @($seen | Where-Object { ([uri]$_.Target).Port -eq ([uri]$emu.ApiBaseUrl).Port })
        $images.Count | Should -Be 2
        $api.Count | Should -BeGreaterOrEqual 5   # credit, 2 x generate, at least 2 x record-info
        foreach ($request in $images) { $request.Header('Authorization') | Should -BeNullOrEmpty }
        foreach ($request in $api) { $request.Header('Authorization') | Should -Be "Bearer $($emu.ApiKey)" }
    }

    It 'takes the proxy and its credential from FOUROIMAGE_PROXY when not connected' {
        $before = $proxy.Requests.Count
        $userInfo = 'alice:' + [uri]::EscapeDataString($proxyPassword)
        $script = @"
`$env:FOUROIMAGE_API_KEY = '$($emu.ApiKey)'
`$env:FOUROIMAGE_BASE_URL = '$($emu.ApiBaseUrl)'
`$env:FOUROIMAGE_PROXY = 'http://$userInfo@127.0.0.1:$($proxy.Address.Port)/'
Import-Module '$($modulePath -replace "'", "''")'
(Get-4oCredit).Balance
"@
        $output = Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0
        "$($output[-1])" | Should -Match '^\d+(\.\d+)?$'
        @($proxy.Requests | Select-Object -Skip $before | Where-Object Authorized).Count | Should -Be 1
    }
}
