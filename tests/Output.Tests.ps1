#Requires -Version 5.1
# What a person sees in the output: Save-4oImage emits file items as Get-Item does, the same on a re-run; messages
# never show .NET parameter names; credits print in one form.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--generation-time', '1'
    Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'Save-4oImage output (issue 13, item 4)' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'saved'
        $tasks = @('a red kite', 'a green kite') | New-4oImage -Variants 2 | Wait-4oImageTask
        $first = @($tasks | Save-4oImage -Path $folder)
    }

    It 'emits what Get-Item emits for each file, plus TaskId, Index and Prompt' {
        $first.Count | Should -Be 4
        foreach ($file in $first) {
            $item = Get-Item -LiteralPath $file.FullName
            $file | Should -BeOfType ([System.IO.FileInfo])
            foreach ($name in $item.PSObject.Properties.Name) {
                $file.PSObject.Properties.Name | Should -Contain $name
            }
            foreach ($name in 'PSPath', 'PSParentPath', 'PSChildName', 'PSIsContainer') {
                "$($file.$name)" | Should -Be "$($item.$name)"
            }
            $file.PSDrive.Name | Should -Be $item.PSDrive.Name
            $file.PSProvider.Name | Should -Be 'FileSystem'
            $file.TaskId | Should -BeIn $tasks.TaskId
            $file.Index | Should -BeIn 0, 1
            $file.Prompt | Should -BeIn 'a red kite', 'a green kite'
        }
    }

    It 'shows the same default view as Get-Item (on Linux: UnixMode, User, Group and Size filled in)' {
        $items = Get-Item -LiteralPath $first.FullName
        ($first | Out-String -Width 200) | Should -BeExactly ($items | Out-String -Width 200)
        if (-not ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop')) {
            foreach ($file in $first) {
                $file.UnixMode | Should -Match '^-[rwx-]{9}$'
                $file.User | Should -Not -BeNullOrEmpty
                $file.Group | Should -Not -BeNullOrEmpty
                $file.Size | Should -Be $file.Length
            }
        }
    }

    It 'emits the files already there on a re-run into the same folder, without downloading them again' {
        Clear-EmulatorRequest -Emulator $emu
        $again = @($tasks | Save-4oImage -Path $folder)
        @(Get-EmulatorRequest -Emulator $emu | Where-Object host -EQ 'image').Count | Should -Be 0
        $columns = 'FullName', 'Length', 'TaskId', 'Index', 'Prompt'
        ($again | Sort-Object FullName | Select-Object $columns | ConvertTo-Csv) |
            Should -Be ($first | Sort-Object FullName | Select-Object $columns | ConvertTo-Csv)
    }

    It 'emits nothing under -WhatIf' {
        @($tasks | Save-4oImage -Path (Join-Path $TestDrive 'whatif') -WhatIf).Count | Should -Be 0
    }
}

Describe 'Small things (issue 13, item 8)' {
    It 'says what is wrong with an empty -ApiKey without an internal parameter name' {
        $caught = $null
        try { Get-4oCredit -ApiKey '' } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        "$caught" | Should -Match 'The API key is empty\.'
        "$caught" | Should -Not -Match "Parameter 'key'|\(Parameter"
    }

    It 'names no .NET parameter in the error for a bad -BaseUrl' {
        $caught = $null
        try { Get-4oCredit -ApiKey 'k' -BaseUrl 'ftp://files.example/' } catch { $caught = $_ }
        ($caught | Out-String) | Should -Match 'BaseUrl'
        ($caught | Out-String) | Should -Not -Match '\(Parameter '''
    }

    It 'prints credits in one form: no trailing zeros, whatever the sum' {
        $null = Invoke-RestMethod -Method Put -Uri ($emu.AdminUrl + "credits?key=$($emu.ApiKey)&credits=100.50")
        "$((Get-4oCredit).Balance)" | Should -Be '100.5'

        $journal = Join-Path $TestDrive 'credits.journal'
        $null = 1..4 | ForEach-Object { "journal row $_" } | New-4oImage -Journal $journal
        $summary = Get-4oImageJournal $journal
        $summary.CreditsSpent | Should -Be 6
        "$($summary.CreditsSpent)" | Should -Be '6'
        ($summary | Format-List | Out-String) | Should -Match 'CreditsSpent\s*:\s*6\r?\n'
    }
}

Describe 'Output that exports (issue 22, item 7)' {
    BeforeAll {
        $task = New-4oImage 'a kite to export' -Variants 2 | Wait-4oImageTask
    }

    It 'Export-Csv writes the result URLs as text that binds back to -ImageUrl' {
        $csv = Join-Path $TestDrive 'tasks.csv'
        $task | Export-Csv -LiteralPath $csv -NoTypeInformation
        $cell = (Import-Csv -LiteralPath $csv).ResultUrls
        $cell | Should -Not -Match 'System\.'
        $cell | Should -BeExactly ($task.ResultUrls -join '; ')
        ($cell -split ';').Trim() | Should -Be @($task.ResultUrls)
    }

    It 'keeps the default views and the list: Format-List shows one URL a line, ConvertTo-Json an array' {
        $task.ResultUrls.Count | Should -Be 2
        $task.ResultUrls[1] | Should -Match '^https?://'
        $text = $task | Format-List | Out-String -Width 300
        foreach ($url in $task.ResultUrls) { $text | Should -Match ([regex]::Escape($url)) }
        $text | Should -Not -Match '; '
        (($task | ConvertTo-Json -Depth 3 | ConvertFrom-Json).ResultUrls) | Should -Be @($task.ResultUrls)
    }
}

Describe 'Small things (issue 22, item 9)' {
    It 'fouroimage-emulator --help names the command users type' {
        $usage = @(& dotnet (Find-EmulatorDll -RepoRoot $repoRoot) --help)
        $LASTEXITCODE | Should -Be 0
        $usage[0] | Should -BeLike 'Usage: fouroimage-emulator *'
    }

    It 'Tab after New-4oImage -Size offers the sizes, with no common quote for PSReadLine to insert first' {
        $line = 'New-4oImage -Size '
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Be '1:1', '3:2', '2:3'
        # What Tab inserts is read as the size itself.
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($line + $offered[1], [ref]$null, [ref]$null)
        $ast.EndBlock.Statements[0].PipelineElements[0].CommandElements[2].SafeGetValue() | Should -BeExactly '3:2'
    }

    It 'every example that uses Set-Secret is preceded by how to install SecretManagement' {
        foreach ($file in @(Get-Item (Join-Path $repoRoot 'README.md')) + @(Get-ChildItem (Join-Path $repoRoot 'docs') -Filter *.md)) {
            $text = Get-Content -LiteralPath $file.FullName -Raw
            $at = $text.IndexOf('Set-Secret -Name')
            if ($at -ge 0) {
                $text.Substring(0, $at) | Should -Match 'Install-Module\s+Microsoft\.PowerShell\.SecretManagement' -Because $file.Name
            }
        }
    }

    It '"Not Found" from a wrong -BaseUrl says to check -BaseUrl' {
        $wrong = $emu.ApiBaseUrl.TrimEnd('/') + '/v2/'
        $err = $null
        try { Get-4oCredit -BaseUrl $wrong } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Match 'Check -BaseUrl'
        $err.Exception.Message | Should -Match ([regex]::Escape($wrong))
        $err.ErrorDetails.RecommendedAction + $err.CategoryInfo.Reason | Should -Not -BeNullOrEmpty
        "$($err.ErrorDetails.RecommendedAction)" | Should -Match 'Check -BaseUrl'
    }
}

Describe 'File names from prompts in any script (issue 22, item 6)' {
    It 'keeps Japanese and accented letters, and cuts a name past 255 UTF-8 bytes to fit' {
        $folder = Join-Path $TestDrive 'names'
        $long = 'x' * 106
        $saved = @('夕暮れの富士山、水彩画風', 'Café au lait, morning light', ('富' * 60)) | New-4oImage | Wait-4oImageTask |
            Save-4oImage -Path $folder -FileName "{Prompt}_{Index}.{Ext}"
        $saved.Name | Should -Contain '夕暮れの富士山-水彩画風_0.png'
        $saved.Name | Should -Contain 'café-au-lait-morning-light_0.png'

        # 106 + 1 + 40 Japanese characters + "_0.png": 156 characters, 276 bytes, which ext4 refuses.
        $file = ('富' * 60) | New-4oImage | Wait-4oImageTask | Save-4oImage -Path $folder -FileName "${long}_{Prompt}_{Index}.{Ext}"
        $file.Name | Should -BeLike "${long}_富*_0.png"
        [Text.Encoding]::UTF8.GetByteCount($file.Name) | Should -BeLessOrEqual 255
        Test-Path -LiteralPath $file.FullName | Should -BeTrue
    }
}
