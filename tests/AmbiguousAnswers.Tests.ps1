#Requires -Version 5.1
# Pester 5, issue 16: the service's ambiguous answers, in real PowerShell against the emulator: a new task's record
# that is not visible yet, "no credits" sent as a 429, and messages in another language; issue 23: answers as the
# vendor's spec writes them (a word errorCode, an upload refused with success false, download-url without result data).
# Run: ./build.ps1 -Task Pester -PesterPath tests/AmbiguousAnswers.Tests.ps1

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    . (Join-Path $repoRoot 'build/ChildPowerShell.ps1')
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emulatorDll = Find-EmulatorDll -RepoRoot $repoRoot

    function Set-EmulatorCredit($Emulator, [decimal] $Credits) {
        $uri = '{0}credits?key={1}&credits={2}' -f $Emulator.AdminUrl, $Emulator.ApiKey, $Credits.ToString([cultureinfo]::InvariantCulture)
        $null = Invoke-RestMethod -Method Put -Uri $uri
    }

    function New-Rows([string] $Name, [int] $Count = 20) {
        1..$Count | ForEach-Object { [pscustomobject]@{ prompt = "$Name, row $_" } }
    }
}

AfterAll {
    Remove-Module FourOImage -Force -ErrorAction SilentlyContinue
}

Describe 'A new task whose record is not visible yet' {
    BeforeAll {
        # Every new record answers "record is null" for 3 s, as the service may right after generate.
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--new-record-delay', '3', '--generation-time', '1'
        $connection = @{ ApiKey = $emu.ApiKey; BaseUrl = $emu.ApiBaseUrl }

        # Runs $Line, which leaves its results in $result and its errors in $lost, in a fresh PowerShell whose new tasks
        # never show and get a 2 s grace: no connection in it, so the environment gives the grace, as in a runbook.
        function Invoke-NeverShown([string] $Line) {
            Set-EmulatorFault -Emulator $emu -Faults @{ newRecordDelay = '00:10:00' }
            try {
                $script = @"
`$env:FOUROIMAGE_API_KEY = '$($emu.ApiKey)'
`$env:FOUROIMAGE_BASE_URL = '$($emu.ApiBaseUrl)'
`$env:FOUROIMAGE_NEW_TASK_GRACE = '2'
Import-Module '$($modulePath -replace "'", "''")'
`$result = $Line
"results: `$(@(`$result).Count)"
`$lost[0].FullyQualifiedErrorId
`$lost[0].CategoryInfo.Category
"`$(`$lost[0])"
"@
                $ErrorActionPreference = 'Continue'
                @(Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
            }
            finally {
                Set-EmulatorFault -Emulator $emu -Faults @{ newRecordDelay = '00:00:03' }
            }
        }
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'does not stop a 20-row batch: every image is saved' {
        $out = Join-Path $TestDrive 'invisible'
        $files = @(New-Rows 'Not visible at first' | New-4oImage @connection |
                Wait-4oImageTask @connection -ErrorVariable waitErrors |
                Save-4oImage -Path $out @connection -ErrorVariable saveErrors)

        @($waitErrors) + @($saveErrors) | Should -BeNullOrEmpty
        $files.Count | Should -Be 20
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'record-info' | Where-Object bodyCode -EQ 422).Count | Should -BeGreaterThan 0
    }

    It 'is waited for by Get-4oImageTask right after New-4oImage, and the same holds for answers with no data' {
        Set-EmulatorFault -Emulator $emu -Faults @{ newRecordDelay = '00:00:03'; invisibleRecordAnswer = 'dataNull' }
        try {
            $task = New-4oImage 'Shown a moment later' @connection | Get-4oImageTask @connection -ErrorVariable getErrors
        }
        finally {
            Set-EmulatorFault -Emulator $emu -Faults @{ newRecordDelay = '00:00:03' }
        }

        $getErrors | Should -BeNullOrEmpty
        $task.Prompt | Should -Be 'Shown a moment later'
    }

    It 'an id typed by the user that was never seen is not found at once' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Wait-4oImageTask -TaskId 'fedcba9876543210fedcba9876543210' @connection -ErrorVariable notFound -ErrorAction SilentlyContinue
        $watch.Stop()

        $result | Should -BeNullOrEmpty
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Task.TaskNotFound,*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20 -Because 'only a task just created gets the 30 s grace'
    }

    It 'a task created here that never shows is reported not found after the grace, saying so (FOUROIMAGE_NEW_TASK_GRACE), <Case>' -ForEach @(
        @{ Case = 'waited for at once'; Line = 'New-4oImage ''Never shown'' | Wait-4oImageTask -ErrorVariable lost -ErrorAction SilentlyContinue' }
        # The grace runs out before the first poll, as on a busy machine when the child is slow to reach the wait.
        @{ Case = 'waited for after its grace'; Line = '. { $task = New-4oImage ''Never shown''; Start-Sleep -Seconds 3; $task | Wait-4oImageTask -ErrorVariable lost -ErrorAction SilentlyContinue }' }
    ) {
        $output = Invoke-NeverShown $Line

        $text = $output -join "`n"
        $output | Should -Contain 'results: 0' -Because $text
        $text | Should -Match 'FourOImage\.Task\.TaskNotFound,'
        $output | Should -Contain 'ObjectNotFound'
        $text | Should -Match 'was created \d+ s ago'
        $text | Should -Match 'new tasks get 2 s to become visible \(FOUROIMAGE_NEW_TASK_GRACE\)'
    }
}

Describe 'No credits, answered with code 429' {
    BeforeAll {
        # Credits for 5 images (1.5 each); an empty balance is answered with 429 and the live message.
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--credits', '7.5', '--insufficient-credits-code', '429', '--generation-time', '1'
        $connection = @{ ApiKey = $emu.ApiKey; BaseUrl = $emu.ApiBaseUrl }
        $journal = Join-Path $TestDrive 'credits.journal'
        $out = Join-Path $TestDrive 'credits'
        $rows = @(New-Rows 'Paid for')

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $firstFiles = @($rows | New-4oImage -Journal $journal @connection -ErrorVariable firstErrors -ErrorAction SilentlyContinue |
                Wait-4oImageTask @connection | Save-4oImage -Path $out @connection)
        $watch.Stop()
        $firstGenerates = @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'fails fast with one InsufficientCredits error that gives the balance, and sends no further rows' {
        $refused = @($firstErrors | Where-Object { $_.FullyQualifiedErrorId -like 'FourOImage.Generate.InsufficientCredits,*' })
        $refused.Count | Should -Be 1
        $refused[0].ErrorDetails.Message | Should -Match 'The current credits are insufficient\. Please top up\. \(balance: 0 credits\)$'
        $refused[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60 -Because 'a 429 about credits is not waited out'
        $firstGenerates | Should -BeLessOrEqual (5 + 8) -Because 'only rows already in flight (-ThrottleLimit 8) may follow the first refusal'
    }

    It 'says once how many rows remain, and still saves the tasks already created' {
        $notSent = @($firstErrors | Where-Object { $_.FullyQualifiedErrorId -like 'FourOImage.Generate.NotSent,*' })
        $notSent.Count | Should -Be 1
        "$notSent" | Should -Match '^The account is out of credits \(balance: 0 credits\): 14 more row\(s\) were not created'
        @($firstErrors).Count | Should -Be 2
        $firstFiles.Count | Should -Be 5
    }

    It 'sends exactly the rows not created when the same line runs again after a top-up' {
        Set-EmulatorCredit -Emulator $emu -Credits 1000
        $files = @($rows | New-4oImage -Journal $journal @connection -ErrorVariable againErrors -WarningVariable againWarnings |
                Wait-4oImageTask @connection | Save-4oImage -Path $out @connection)

        $againErrors | Should -BeNullOrEmpty
        @($againWarnings | Where-Object { "$_" -notlike 'Resuming the batch*' }) | Should -BeNullOrEmpty
        @($againWarnings | Where-Object { "$_" -like 'Resuming the batch*' }).Count | Should -Be 1
        (@(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count - $firstGenerates) | Should -Be 15
        @(Get-ChildItem -LiteralPath $out -Filter *.png).Count | Should -Be 20
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate' | Where-Object bodyCode -EQ 200 | Select-Object -ExpandProperty taskId -Unique).Count | Should -Be 20
    }
}

Describe 'Messages in another language, and answers as the vendor spec writes them' {
    BeforeAll {
        $emu = Start-FourOImageEmulator -EmulatorDll $emulatorDll -ArgumentList '--generation-time', '0.3'

        function Add-EmulatorFault([hashtable] $Fault) {
            $body = $Fault | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri ($emu.AdminUrl + 'faults/enqueue') -Body ([Text.Encoding]::UTF8.GetBytes($body)) -ContentType 'application/json; charset=utf-8'
        }
        $connection = @{ ApiKey = $emu.ApiKey; BaseUrl = $emu.ApiBaseUrl }
    }

    AfterAll {
        if ($emu) { Stop-FourOImageEmulator -Emulator $emu }
    }

    It 'reach the user unchanged' {
        # "提示词不能为空" (the prompt cannot be empty), written with code points so the file reads the same in any encoding.
        $chinese = -join ([char[]](0x63D0, 0x793A, 0x8BCD, 0x4E0D, 0x80FD, 0x4E3A, 0x7A7A))
        $body = @{ endpoint = 'generate'; kind = 'bodyCode'; code = 422; message = $chinese } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri ($emu.AdminUrl + 'faults/enqueue') -Body ([Text.Encoding]::UTF8.GetBytes($body)) -ContentType 'application/json; charset=utf-8'

        $null = New-4oImage 'A fox' @connection -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Generate.InvalidRequest,*'
        $refused[0].ErrorDetails.Message | Should -BeExactly $chinese
        $refused[0].Exception.ServiceMessage | Should -BeExactly $chinese
    }

    It 'say what the service said and what to do: a word errorCode, an upload refused with success false, download-url without result data' {
        # A failed task whose errorCode is a word, as a sibling API sends it.
        Set-EmulatorFault -Emulator $emu -Faults @{ errorCodeForm = 'word'; refusedWords = @('gore') }
        try {
            $null = New-4oImage 'gore' @connection | Wait-4oImageTask @connection -ErrorVariable failed -ErrorAction SilentlyContinue
        }
        finally {
            Reset-EmulatorFault -Emulator $emu
        }

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Task.Failed,*'
        $failed[0].Exception.ErrorCode | Should -BeExactly 'GENERATION_FAILED'
        $failed[0].Exception.Message | Should -Match '\(errorCode GENERATION_FAILED\)'
        $failed[0].ErrorDetails.Message | Should -Match 'violating content policies \(GENERATION_FAILED\)$'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'content policy'

        # An upload answered HTTP 200 with {"success":false,"code":200,"msg":"upload failed"}.
        $png = Join-Path $TestDrive 'tiny.png'
        [IO.File]::WriteAllBytes($png, [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52))
        Add-EmulatorFault @{ endpoint = 'upload'; kind = 'bodyCode'; code = 200; message = 'upload failed' }
        Clear-EmulatorRequest -Emulator $emu
        $null = New-4oImage 'A fox' -ImagePath $png -UploadBaseUrl $emu.ApiBaseUrl @connection -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Upload.Rejected,*'
        $refused[0].Exception.Message | Should -Match 'refused the request \(success: false\): upload failed'
        $refused[0].Exception.Message | Should -Not -Match 'downloadUrl'
        $refused[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $emu -Endpoint 'generate').Count | Should -Be 0

        # The result URL refused, and download-url answering 422 "record result data is blank".
        $task = New-4oImage 'A lighthouse' @connection | Wait-4oImageTask @connection
        Add-EmulatorFault @{ endpoint = 'image'; kind = 'bodyCode'; code = 404 }
        Add-EmulatorFault @{ endpoint = 'download-url'; kind = 'bodyCode'; code = 422; message = 'record result data is blank' }
        $saved = $task | Save-4oImage -Path (Join-Path $TestDrive 'blank') @connection -ErrorVariable notSaved -ErrorAction SilentlyContinue

        $saved | Should -BeNullOrEmpty
        $notSaved[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Save.DownloadFailed,*'
        $notSaved[0].Exception.Message | Should -Match 'the service has no result images for this task'
        $notSaved[0].Exception.Message | Should -Not -Match 'validation error'
        $notSaved[0].ErrorDetails.RecommendedAction | Should -Match 'Run Save-4oImage again in a few minutes'
    }
}
