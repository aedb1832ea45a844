#Requires -Version 7.4
# A connection belongs to the runspace that made it (Connect-4oImage -Scope Process shares it with the process), a
# runspace without a key gets the usual error with a hint for -Parallel and jobs, and Remove-Module forgets it.
# ForEach-Object -Parallel and Start-ThreadJob are PowerShell 7 features, hence #Requires 7.4.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }

    # Two keys on one emulator, with different balances, tell the connections apart.
    $parentKey = 'emu_parent0000000000000000000000000001'
    $childKey = 'emu_child00000000000000000000000000002'
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList '--keys', "$parentKey,$childKey", '--generation-time', '1'

    # No key from the environment: only connections count here.
    $savedKey = $env:FOUROIMAGE_API_KEY
    $env:FOUROIMAGE_API_KEY = $null

    # Runs a script block in a thread job (its own runspace) and returns what it wrote, errors as their ErrorIds.
    function Invoke-InThreadJob([scriptblock] $Script, [object[]] $ArgumentList = @()) {
        $job = Start-ThreadJob -ScriptBlock $Script -ArgumentList $ArgumentList
        try {
            $null = Wait-Job $job -Timeout 120
            @(Receive-Job $job -ErrorAction SilentlyContinue -ErrorVariable jobErrors) + @($jobErrors | ForEach-Object FullyQualifiedErrorId)
        }
        finally {
            Remove-Job $job -Force
        }
    }
}

AfterAll {
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
    $env:FOUROIMAGE_API_KEY = $savedKey
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
}

Describe 'A connection per runspace' {
    BeforeEach {
        $null = Invoke-RestMethod -Method Put -Uri ($emu.AdminUrl + "credits?key=$parentKey&credits=111")
        $null = Invoke-RestMethod -Method Put -Uri ($emu.AdminUrl + "credits?key=$childKey&credits=222")
        Import-Module $modulePath -Force
        Connect-4oImage -ApiKey $parentKey -BaseUrl $emu.ApiBaseUrl
    }

    It 'a ForEach-Object -Parallel runspace that connects elsewhere leaves this runspace''s connection alone' {
        $childBalance = 1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            Connect-4oImage -ApiKey $using:childKey -BaseUrl $using:emu.ApiBaseUrl
            (Get-4oCredit).Balance
        }
        $childBalance | Should -Be 222
        (Get-4oCredit).Balance | Should -Be 111
    }

    It 'a runspace without a key of its own gets the MissingApiKey error, which says how to pass one in' {
        $caught = 1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            try { Get-4oCredit -ErrorAction Stop } catch { $_ }
        }
        $caught.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Credit.MissingApiKey,*'
        $caught.Exception.Message | Should -Match '\$using:'
        $caught.Exception.Message | Should -Match '-Scope Process'
        $caught.Exception.Message | Should -Match 'ForEach-Object -Parallel'

        Invoke-InThreadJob { param($module) Import-Module $module; Get-4oCredit } $modulePath |
            Should -BeLike 'FourOImage.Credit.MissingApiKey,*'
    }

    It 'a key passed in with $using: works in -Parallel and in Start-ThreadJob' {
        $parallel = 1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            Connect-4oImage -ApiKey $using:childKey -BaseUrl $using:emu.ApiBaseUrl -SkipKeyCheck
            (Get-4oCredit).Balance
        }
        $parallel | Should -Be 222

        $key = $childKey
        $url = $emu.ApiBaseUrl
        $threadJob = Invoke-InThreadJob {
            Import-Module $using:modulePath
            Connect-4oImage -ApiKey $using:key -BaseUrl $using:url
            'a thread job' | New-4oImage -Wait | ForEach-Object { $_.Status.ToString() }
            (Get-4oCredit).Balance
        }
        $threadJob | Should -Be 'Success', 220.5
        (Get-4oCredit).Balance | Should -Be 111
    }

    It '-Scope Process shares the connection with runspaces that have none, and not over their own' {
        Connect-4oImage -ApiKey $parentKey -BaseUrl $emu.ApiBaseUrl -Scope Process
        $shared = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            (Get-4oCredit).Balance
        }
        $shared | Should -Be 111, 111
        Invoke-InThreadJob { param($module) Import-Module $module; (Get-4oCredit).Balance } $modulePath | Should -Be 111

        $own = 1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            Connect-4oImage -ApiKey $using:childKey -BaseUrl $using:emu.ApiBaseUrl
            (Get-4oCredit).Balance
        }
        $own | Should -Be 222
        (Get-4oCredit).Balance | Should -Be 111
    }

    It 'Remove-Module forgets the runspace''s connection and the process connection it made' {
        Remove-Module FourOImage
        Import-Module $modulePath
        { Get-4oCredit } | Should -Throw -ErrorId 'FourOImage.Credit.MissingApiKey,FourOImage.Commands.Get4oCreditCommand'

        Connect-4oImage -ApiKey $parentKey -BaseUrl $emu.ApiBaseUrl -Scope Process
        Import-Module $modulePath -Force
        { Get-4oCredit } | Should -Throw -ErrorId 'FourOImage.Credit.MissingApiKey,FourOImage.Commands.Get4oCreditCommand'
        Invoke-InThreadJob { param($module) Import-Module $module; Get-4oCredit } $modulePath |
            Should -BeLike 'FourOImage.Credit.MissingApiKey,*'
    }
}

Describe 'A task carries the connection it was created with' {
    BeforeAll {
        Import-Module $modulePath -Force # no connection in this runspace, no key in the environment
        $url = $emu.ApiBaseUrl
    }

    It 'New-4oImage -ApiKey -BaseUrl | Wait-4oImageTask | Save-4oImage needs neither again; Get-4oImageTask neither' {
        $out = Join-Path $TestDrive 'travels'
        $files = @(New-4oImage 'A fox that travels' -ApiKey $childKey -BaseUrl $url | Wait-4oImageTask | Save-4oImage -Path $out)
        $files.Count | Should -Be 1
        $files[0].Prompt | Should -Be 'A fox that travels'
        (Get-4oImageInfo -LiteralPath $files[0].FullName).Service | Should -Be ([uri]$url).Host

        (New-4oImage 'A fox read back' -ApiKey $childKey -BaseUrl $url | Get-4oImageTask).Prompt | Should -Be 'A fox read back'
    }

    It 'a task made through Connect-4oImage keeps its connection in a runspace that has none' {
        Connect-4oImage -ApiKey $childKey -BaseUrl $url -SkipKeyCheck
        $task = New-4oImage 'A fox in another runspace'
        Import-Module $modulePath -Force # forgets this runspace's connection
        $status = $task | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            ($_ | Wait-4oImageTask).Status.ToString()
        }
        $status | Should -Be 'Success'
    }

    It 'an explicit -ApiKey downstream wins over the task''s connection' {
        $task = New-4oImage 'A fox, then a wrong key' -ApiKey $childKey -BaseUrl $url
        $task | Get-4oImageTask -ApiKey 'emu_wrong00000000000000000000000000000' -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused.Count | Should -Be 1
        $refused[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'the key is in no exported form: properties, Format-List *, Export-Clixml, Export-Csv, ConvertTo-Json' {
        $task = New-4oImage 'A fox kept secret' -ApiKey $childKey -BaseUrl $url | Wait-4oImageTask
        $task.PSObject.Properties.Value | Out-String | Should -Not -Match $childKey
        $task | Get-Member -Force | Out-String | Should -Not -Match 'Connection'
        $task | Format-List * | Out-String -Width 500 | Should -Not -Match $childKey
        $xml = Join-Path $TestDrive 'tasks.xml'
        $task | Export-Clixml -LiteralPath $xml -Depth 10
        Get-Content -LiteralPath $xml -Raw | Should -Not -Match $childKey
        $csv = Join-Path $TestDrive 'tasks.csv'
        $task | Export-Csv -LiteralPath $csv
        Get-Content -LiteralPath $csv -Raw | Should -Not -Match $childKey
        $task | ConvertTo-Json -Depth 10 | Should -Not -Match $childKey

        # The very object still reaches its account; what is read back from a file has no connection.
        ($task | Get-4oImageTask).Status | Should -Be 'Success'
        { Import-Clixml -LiteralPath $xml | Get-4oImageTask } | Should -Throw -ErrorId 'FourOImage.Task.MissingApiKey,FourOImage.Commands.Get4oImageTaskCommand'
        { Import-Csv -LiteralPath $csv | Wait-4oImageTask } | Should -Throw -ErrorId 'FourOImage.Wait.MissingApiKey,FourOImage.Commands.Wait4oImageTaskCommand'
    }
}

Describe 'The key never crosses the network in clear text' {
    BeforeEach { Import-Module $modulePath -Force }

    It 'plain http:// to another machine is refused before any request, with an error that says how to allow it' {
        # .invalid never resolves: a request would end in a DNS failure, not in this refusal.
        { Connect-4oImage -ApiKey $parentKey -BaseUrl 'http://never-contacted.invalid/' -SkipKeyCheck } |
            Should -Throw -ErrorId 'FourOImage.Connect.UnencryptedAuthentication*'
        $err = { Get-4oCredit -ApiKey $parentKey -BaseUrl 'http://never-contacted.invalid/' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Credit.UnencryptedAuthentication*'
        $err.Exception.Message | Should -Match '-AllowUnencryptedAuthentication'
        $err.ErrorDetails.RecommendedAction + $err.Exception.Message | Should -Not -Match $parentKey
        $env:FOUROIMAGE_BASE_URL = 'http://never-contacted.invalid/'
        try {
            { New-4oImage -ApiKey $parentKey -Prompt 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'FourOImage.Generate.UnencryptedAuthentication*'
        }
        finally { $env:FOUROIMAGE_BASE_URL = $null }
    }

    It '-AllowUnencryptedAuthentication lets Connect-4oImage keep such a URL for the commands after it' {
        Connect-4oImage -ApiKey $parentKey -BaseUrl 'http://never-contacted.invalid/' -SkipKeyCheck -AllowUnencryptedAuthentication
        # The command after it takes the connection's URL without a refusal (-WhatIf: still nothing is sent).
        New-4oImage -Prompt 'x' -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
    }
}
