#Requires -Version 7.4
# Docs that run (issue 13, item 6): every PowerShell example in README.md and docs/*.md (the cmdlet pages' examples
# are Get-Help's examples) runs against the emulator, so a wrong snippet fails CI. How an example is run, and how to
# mark one that needs a real key or a vault, is in tests/DocExamples.ps1 and docs/architecture.md.
# 7.4+: several examples use ForEach-Object -Parallel.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $examples = @(Get-DocExample -RepoRoot (Split-Path $PSScriptRoot -Parent))
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    $moduleFolder = Split-Path $modulePath -Parent

    # Quick tasks and plenty of credits: the examples create a few dozen tasks.
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '0.5', '--credits', '100000'

    # Examples import FourOImage by name (also in ForEach-Object -Parallel runspaces) and connect without -BaseUrl.
    $saved = @{ PSModulePath = $env:PSModulePath; FOUROIMAGE_BASE_URL = $env:FOUROIMAGE_BASE_URL; FOUROIMAGE_UPLOAD_BASE_URL = $env:FOUROIMAGE_UPLOAD_BASE_URL }
    $env:PSModulePath = (Split-Path $moduleFolder -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
    $env:FOUROIMAGE_BASE_URL = $emu.ApiBaseUrl
    $env:FOUROIMAGE_UPLOAD_BASE_URL = $emu.ApiBaseUrl

    # The working folder every example starts from (copied afresh for each): the files the examples name.
    $template = Join-Path $TestDrive 'template'
    $null = New-Item -ItemType Directory -Path $template, (Join-Path $template 'samples'), (Join-Path $template 'batches'), (Join-Path $template 'out')
    $csv = @('prompt,size,variants', '"A red fox in fresh snow",3:2,2', '"An isometric city at night",,1', '"A lighthouse in a storm",2:3,')
    Set-Content -LiteralPath (Join-Path $template 'prompts.csv') -Value $csv -Encoding UTF8
    Copy-Item -LiteralPath (Join-Path $repoRoot 'samples/prompts.csv') -Destination (Join-Path $template 'samples')
    # The smallest JPEG there is (1x1), for the -ImagePath example.
    [IO.File]::WriteAllBytes((Join-Path $template 'photo.jpg'), [Convert]::FromBase64String('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='))

    Import-Module $modulePath -Force
    $sample = New-4oImage 'A sample task the examples name' -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -Wait
    $null = $sample | Save-4oImage -Path (Join-Path $template 'out') -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl
    Set-Content -LiteralPath (Join-Path $template 'task-ids.txt') -Value $sample.TaskId
    [pscustomobject]@{ TaskId = $sample.TaskId } | Export-Csv -LiteralPath (Join-Path $template 'tasks.csv') -NoTypeInformation
    $journaled = Import-Csv -LiteralPath (Join-Path $template 'prompts.csv') |
        New-4oImage -Journal (Join-Path $template 'prompts.journal') -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl
    $null = $journaled | Save-4oImage -Path (Join-Path $TestDrive 'journaled') -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl
    Copy-Item -LiteralPath (Join-Path $template 'prompts.journal') -Destination (Join-Path $template 'batches/first.journal')
    Remove-Module FourOImage -Force

    # What an example must show besides running cleanly, by a line of its code.
    $expectations = @{
        '"$admin/requests"' = {
            param($output)
            # The request log is enumerated: one group per endpoint, not one group of one array.
            @($output | Where-Object { $_.PSObject.Properties['Name'] -and $_.Name -eq 'generate' -and $_.Count -gt 0 }).Count | Should -Be 1
        }
    }
    $number = 0
}

AfterAll {
    foreach ($name in $saved.Keys) { Set-Item -Path "Env:$name" -Value $saved[$name] -ErrorAction SilentlyContinue }
    if (-not $saved.FOUROIMAGE_BASE_URL) { Remove-Item Env:FOUROIMAGE_BASE_URL -ErrorAction SilentlyContinue }
    if (-not $saved.FOUROIMAGE_UPLOAD_BASE_URL) { Remove-Item Env:FOUROIMAGE_UPLOAD_BASE_URL -ErrorAction SilentlyContinue }
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
}

Describe 'Examples in README.md and docs/*.md' -Tag Slow {
    It 'finds the examples' -ForEach @(@{ Found = $examples.Count }) {
        $Found | Should -BeGreaterThan 30
    }

    It '<Name>' -ForEach $examples {
        if ($NoTest) {
            Set-ItResult -Skipped -Because $Reason
            return
        }

        $script:number++
        $work = Join-Path $TestDrive ('example{0:000}' -f $script:number)
        Copy-Item -LiteralPath $template -Destination $work -Recurse
        $code = ConvertTo-EmulatorExample -Code $Code -Emulator $emu -ModuleFolder $moduleFolder -TaskId $sample.TaskId
        try {
            $result = Invoke-DocExample -Code $code -WorkFolder $work -Emulator $emu -TaskId $sample.TaskId
        }
        finally {
            # An example may set faults or credits on the emulator; the next one starts clean.
            Reset-EmulatorFault -Emulator $emu
        }

        $result.Errors | Should -BeNullOrEmpty -Because "$File line $Line must run as written"
        foreach ($line in $expectations.Keys | Where-Object { $Code.Contains($_) }) {
            & $expectations[$line] $result.Output
        }
    }
}
