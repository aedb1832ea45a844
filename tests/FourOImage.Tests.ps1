#Requires -Version 5.1
# Pester 5 suite for the built module (out/FourOImage) against the local emulator, which it starts on a free port.
# Run: ./build.ps1 -Task Pester   (or Invoke-Pester ./tests after ./build.ps1 -Task Build)

# Get-Help for each cmdlet is covered by tests/Help.Tests.ps1.

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    $cmdletNames = @((Import-PowerShellDataFile $modulePath).CmdletsToExport)
    $issueCmdlets = @('Connect-4oImage', 'New-4oImage', 'Get-4oImageTask', 'Wait-4oImageTask', 'Save-4oImage', 'Get-4oCredit')

    Import-Module $modulePath -Force
    # Quick tasks; the -Timeout and Stopping tests have emulators of their own whose tasks take 10 minutes.
    $emulatorDll = Find-EmulatorDll -RepoRoot $repoRoot
    $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--min-generation-time', '0.2', '--max-generation-time', '0.4'

    Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -UploadBaseUrl $emu.ApiBaseUrl

    # Runs a script in a fresh PowerShell process (clean session, no Connect-4oImage) and returns its output lines.
    function Invoke-Child([string] $Script) {
        # Stderr lines of a native command become error records; they must not stop the test under 'Stop'.
        $ErrorActionPreference = 'Continue'
        $output = Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }

    function New-Csv([string] $Name, [string[]] $Lines) {
        $path = Join-Path $TestDrive $Name
        Set-Content -Path $path -Value $Lines -Encoding UTF8
        $path
    }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'Importing the module' {
    It 'imports under $ErrorActionPreference = Stop and Set-StrictMode -Version Latest' {
        $result = Invoke-Child @"
Set-StrictMode -Version Latest
`$ErrorActionPreference = 'Stop'
Import-Module '$($modulePath -replace "'", "''")'
(Get-Command -Module FourOImage | Measure-Object).Count
"@
        $result.ExitCode | Should -Be 0
        $result.Output[-1] | Should -Be "$($cmdletNames.Count)"
    }

    It 'exports exactly the cmdlets the manifest lists, the six of issue 4 among them' {
        (Get-Command -Module FourOImage).Name | Sort-Object | Should -Be ($cmdletNames | Sort-Object)
        foreach ($name in $issueCmdlets) {
            $cmdletNames | Should -Contain $name
        }
        (Get-Command -Module FourOImage -CommandType Function, Alias) | Should -BeNullOrEmpty
    }

    It 'reports the version from the manifest' {
        $module = Get-Module FourOImage
        $module.Version | Should -Be ([version](Import-PowerShellDataFile $modulePath).ModuleVersion)
        $module.Version | Should -BeGreaterThan ([version]'0.0.0')
    }

    It 'stops with an error naming all three ways to give a key when none is given' {
        $result = Invoke-Child @"
`$env:FOUROIMAGE_API_KEY = `$null
Import-Module '$($modulePath -replace "'", "''")'
try { Get-4oCredit -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@
        $result.Output[0] | Should -BeLike 'FourOImage.Credit.MissingApiKey,*'
        $message = $result.Output[1..($result.Output.Count - 1)] -join ' '
        $message | Should -Match '-ApiKey'
        $message | Should -Match 'Connect-4oImage'
        $message | Should -Match 'FOUROIMAGE_API_KEY'
    }
}

Describe 'The CSV pipeline end to end' {
    BeforeAll {
        $csv = New-Csv 'prompts.csv' @(
            'prompt,size,variants'
            '"A serene mountain lake at sunset",1:1,'
            '"A watercolor fox asleep in autumn leaves",3:2,2'
            '"A lighthouse in a storm",2:3,1'
        )
        $outFolder = Join-Path $TestDrive 'images'
        Clear-EmulatorRequest -Emulator $emu
        $files = @(Import-Csv $csv | New-4oImage | Wait-4oImageTask | Save-4oImage -Path $outFolder)
    }

    It 'saves one file per image' {
        $files.Count | Should -Be 4
        @(Get-ChildItem $outFolder -File).Count | Should -Be 4
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 3
    }

    It 'emits FileInfo objects with TaskId, Index and Prompt attached' {
        foreach ($file in $files) {
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.Exists | Should -BeTrue
            $file.TaskId | Should -Not -BeNullOrEmpty
            $file.Index | Should -BeIn 0, 1
            $file.Prompt | Should -Not -BeNullOrEmpty
            (Get-Item -LiteralPath $file.PSPath).FullName | Should -Be $file.FullName
        }
        @($files | Where-Object Prompt -Like '*fox*').Index | Sort-Object | Should -Be 0, 1
    }

    It 'writes PNG files at the size each row asked for' {
        $expected = @{ 'A serene*' = '1024x1024'; 'A watercolor*' = '1536x1024'; 'A lighthouse*' = '1024x1536' }
        foreach ($file in $files) {
            $size = Get-PngSize -Path $file.FullName
            $key = $expected.Keys | Where-Object { $file.Prompt -like $_ }
            "$($size.Width)x$($size.Height)" | Should -Be $expected[$key]
        }
    }

    It 'never sends the API key to the image host' {
        $images = @(Get-EmulatorRequest -Emulator $emu | Where-Object host -EQ 'image')
        $images.Count | Should -BeGreaterThan 0
        $images.hadAuthorization | Should -Not -Contain $true
    }

    It 'does not download existing files again (verbose says so) but emits them, unless -Force, and -Index picks variants' {
        $tasks = $files | Select-Object -ExpandProperty TaskId -Unique | Get-4oImageTask
        $stream = @($tasks | Save-4oImage -Path $outFolder -Verbose 4>&1)
        @($stream | Where-Object { $_ -is [System.IO.FileInfo] }).Count | Should -Be 4
        @($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Skipped *' }).Count | Should -Be 4

        $fox = $tasks | Where-Object Prompt -Like '*fox*'
        $second = @($fox | Save-4oImage -Path $outFolder -Index 1 -Force)
        $second.Count | Should -Be 1
        $second[0].Index | Should -Be 1
    }

    It 'stops early without hanging when a later command wants only the first result' {
        $first = @('first of many', 'second', 'third', 'fourth') | New-4oImage | Select-Object -First 1
        @($first).Count | Should -Be 1
        $first.PSObject.TypeNames[0] | Should -Be 'FourOImage.ImageTask'
    }
}

Describe 'Binding CSV rows' {
    It 'binds prompt from <Prompt>, size from <Size> and variants from <Variants>' -ForEach @(
        @{ Prompt = 'prompt'; Size = 'size'; Variants = 'variants' }
        @{ Prompt = 'text'; Size = 'ratio'; Variants = 'n' }
        @{ Prompt = 'Prompt'; Size = 'aspect'; Variants = 'nVariants' }
        @{ Prompt = 'Text'; Size = 'AspectRatio'; Variants = 'Count' }
    ) {
        $csv = New-Csv "alias-$Prompt-$Size.csv" @("$Prompt,$Size,$Variants", '"a tin robot",3:2,2')
        $task = Import-Csv $csv | New-4oImage | Get-4oImageTask
        # What the service received, read back from its paramJson echo.
        $task.Prompt | Should -Be 'a tin robot'
        $task.Size | Should -Be '3:2'
        $task.Variants | Should -Be 2
    }

    It 'treats empty cells as not given' {
        $csv = New-Csv 'empty-cells.csv' @('prompt,size,variants,enhance,image,mask,fallbackModel,callbackUrl', '"just a prompt",,,,,,,')
        $created = @(Import-Csv $csv | New-4oImage -ErrorVariable bindErrors -ErrorAction SilentlyContinue)
        $bindErrors.Count | Should -Be 0
        $created.Count | Should -Be 1
        $task = $created | Get-4oImageTask
        $task.Size | Should -Be '1:1'
        $task.Variants | Should -Be 1
    }

    It 'binds an image column to -ImageUrl and a yes/no column to a switch' {
        $source = 'a source image' | New-4oImage | Wait-4oImageTask
        $csv = New-Csv 'image.csv' @('prompt,image,isEnhance', ('"make it blue",{0},yes' -f $source.ResultUrls[0]))
        $task = Import-Csv $csv | New-4oImage | Get-4oImageTask
        $task.ParamJson | Should -Match ([regex]::Escape($source.ResultUrls[0]))
        $task.ParamJson | Should -Match '"isEnhance"\s*:\s*true'
    }

    It 'takes plain strings from the pipeline as prompts' {
        $tasks = @('a red kite', 'a green kite') | New-4oImage
        $tasks.Prompt | Sort-Object | Should -Be 'a green kite', 'a red kite'
    }

    It 'takes task ids, ImageTask objects and rows with a taskId column' {
        $task = 'three ways' | New-4oImage
        $byId = $task.TaskId | Get-4oImageTask
        $byObject = $task | Get-4oImageTask
        $byRow = [pscustomobject]@{ taskId = $task.TaskId } | Get-4oImageTask
        $byId.TaskId, $byObject.TaskId, $byRow.TaskId | Should -Be $task.TaskId, $task.TaskId, $task.TaskId
    }
}

Describe '-WhatIf' {
    It 'New-4oImage -WhatIf sends no request' {
        Clear-EmulatorRequest -Emulator $emu
        $csv = New-Csv 'whatif.csv' @('prompt,size', '"not created",1:1', '"nor this",2:3')
        $out = Import-Csv $csv | New-4oImage -WhatIf
        $out | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 0
    }

    It 'Save-4oImage -WhatIf writes no file and downloads nothing' {
        $task = 'a finished task' | New-4oImage | Wait-4oImageTask
        Clear-EmulatorRequest -Emulator $emu
        $folder = Join-Path $TestDrive 'whatif-save'
        $out = $task | Save-4oImage -Path $folder -WhatIf
        $out | Should -BeNullOrEmpty
        @(Get-ChildItem $folder -File -ErrorAction SilentlyContinue).Count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $emu | Where-Object host -EQ 'image').Count | Should -Be 0
    }
}

Describe 'Errors per item' {
    AfterEach {
        Reset-EmulatorFault -Emulator $emu
    }

    It 'reports a bad row with the parameter named while the other rows go on' {
        $csv = New-Csv 'bad-row.csv' @('prompt,variants', '"fine one",1', '"three is not allowed",3', '"fine two",2')
        $created = @(Import-Csv $csv | New-4oImage -ErrorVariable rowErrors -ErrorAction SilentlyContinue)
        $created.Count | Should -Be 2
        $rowErrors.Count | Should -Be 1
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.InvalidArgument,*'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $rowErrors[0].Exception.Message | Should -Match '-Variants'
        $rowErrors[0].TargetObject.Prompt | Should -Be 'three is not allowed'
    }

    It 'reports a refused task as FourOImage.Task.Failed with the task and the service message' {
        Set-EmulatorFault -Emulator $emu -Faults @{ refusedWords = @('forbidden') }
        $done = @(@('a harmless garden', 'something forbidden') | New-4oImage | Wait-4oImageTask -ErrorVariable taskErrors -ErrorAction SilentlyContinue)
        $done.Count | Should -Be 1
        $done[0].Prompt | Should -Be 'a harmless garden'
        $taskErrors.Count | Should -Be 1
        $taskErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Task.Failed,*'
        $taskErrors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $taskErrors[0].TargetObject.Prompt | Should -Be 'something forbidden'
        $taskErrors[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
    }

    It 'stops with FourOImage.Credit.Unauthorized for a wrong key and never shows it' {
        $wrong = 'emu_0000000000000000000000000000dead'
        $caught = $null
        try { Get-4oCredit -ApiKey $wrong -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Credit.Unauthorized,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($caught | Out-String) | Should -Not -Match $wrong
    }

    It 'takes the key as a SecureString' {
        $secure = ConvertTo-SecureString $emu.ApiKey -AsPlainText -Force
        (Get-4oCredit -ApiKey $secure).Balance | Should -BeOfType ([decimal])
    }
}

Describe '-Timeout' {
    BeforeAll {
        # Tasks on this emulator take 10 minutes: the 1 s timeout runs out first however slow the machine.
        $slow = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--generation-time', '600'
        $slowConnection = @{ ApiKey = $slow.ApiKey; BaseUrl = $slow.ApiBaseUrl }
    }

    AfterAll {
        if ($slow) { Stop-FourOImageEmulator -Emulator $slow }
    }

    It 'Wait-4oImageTask -Timeout <Timeout> reports FourOImage.Wait.Timeout naming the running task' -ForEach @(
        @{ Timeout = 1 }
        @{ Timeout = '00:00:01' }
    ) {
        $task = 'slow to finish' | New-4oImage @slowConnection
        $out = @($task | Wait-4oImageTask -Timeout $Timeout @slowConnection -ErrorVariable waitErrors -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $waitErrors.Count | Should -Be 1
        $waitErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Wait.Timeout,*'
        $waitErrors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $waitErrors[0].Exception.Message | Should -Match $task.TaskId
    }
}

Describe 'Stopping' {
    It 'ends a long wait as soon as the pipeline is stopped (Ctrl+C), without waiting for the task' {
        # Tasks on this emulator take 10 minutes: only cancellation can end the wait early.
        $slow = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--generation-time', '600'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript(@"
Import-Module '$($modulePath -replace "'", "''")'
'takes ten minutes' | New-4oImage -ApiKey '$($slow.ApiKey)' -BaseUrl '$($slow.ApiBaseUrl)' -Wait
"@)
            $null = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@(Get-EmulatorRequest -Emulator $slow -Endpoint 'record-info').Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            @(Get-EmulatorRequest -Emulator $slow -Endpoint 'record-info').Count | Should -BeGreaterThan 0

            $stopped = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $stopped.Elapsed.TotalMinutes | Should -BeLessThan 5   # far below the task's 10 minutes
        }
        finally {
            $ps.Dispose()
            Stop-FourOImageEmulator -Emulator $slow
        }
    }
}

Describe 'Objects, credit and completion' {
    It 'emits ImageTask objects whose string form is the task id' {
        $task = 'formatting check' | New-4oImage
        $task.PSObject.TypeNames[0] | Should -Be 'FourOImage.ImageTask'
        "$task" | Should -Be $task.TaskId
        ($task | Format-Table | Out-String) | Should -Match 'TaskId\s+Status\s+Progress\s+Size\s+Variants\s+Prompt'
    }

    It 'Get-4oCredit returns the balance as a decimal and the endpoint' {
        $credit = Get-4oCredit
        $credit.Balance | Should -BeOfType ([decimal])
        $credit.Balance | Should -Be ([decimal](Invoke-RestMethod -Uri ($emu.AdminUrl + "credits?key=$($emu.ApiKey)")).credits)
        "$($credit.Endpoint)" | Should -Be $emu.ApiBaseUrl
    }

    It 'completes -Size, -FallbackModel and task ids seen in this session' {
        $sizes = (TabExpansion2 -inputScript 'New-4oImage -Size ' -cursorColumn 'New-4oImage -Size '.Length).CompletionMatches.ListItemText
        $sizes | Should -Be '1:1', '3:2', '2:3'
        $models = (TabExpansion2 -inputScript 'New-4oImage -FallbackModel FL' -cursorColumn 'New-4oImage -FallbackModel FL'.Length).CompletionMatches.CompletionText
        $models | Should -Be 'FLUX_MAX'
        $task = 'completion target' | New-4oImage
        $ids = (TabExpansion2 -inputScript 'Get-4oImageTask -TaskId ' -cursorColumn 'Get-4oImageTask -TaskId '.Length).CompletionMatches.CompletionText
        $ids | Should -Contain $task.TaskId
    }
}
