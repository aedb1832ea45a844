<#
.SYNOPSIS
    Run C of the benchmark: the script a capable PowerShell user writes without FourOImage, 16 rows at a time.

.DESCRIPTION
    Import-Csv | ForEach-Object -Parallel -ThrottleLimit 16 { generate; poll record-info every -PollSeconds until the
    task ends; Invoke-WebRequest each result URL }. Plain web cmdlets, no retries and no pacing: a row whose generate
    is refused (for example with 429 by the service's submission window) is an error and is lost, as in such a script.
    Needs PowerShell 7 (ForEach-Object -Parallel).

    bench/FourOImage.Bench runs it in a child PowerShell against its emulator (-ApiBaseUrl, -ApiKey), the same way it
    runs bench/pipeline.ps1 (run A), and reads -ResultPath.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/script-parallel.ps1 -ApiBaseUrl http://127.0.0.1:5077/ -ApiKey emu_demo -Rows 20 -Path ./out/parallel
#>
#Requires -Version 7.0
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ApiBaseUrl,
    [Parameter(Mandatory)] [string] $ApiKey,
    [ValidateRange(1, 100000)] [int] $Rows = 10,
    [ValidateSet(1, 2, 4)] [int] $Variants = 4,
    [Parameter(Mandatory)] [string] $Path,
    [string] $ResultPath,
    [ValidateRange(0.1, 600)] [double] $PollSeconds = 2,
    [ValidateRange(1, 256)] [int] $ThrottleLimit = 16
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchRun.ps1')

$csv = Join-Path ([IO.Path]::GetTempPath()) ('fourobench-rows-' + [guid]::NewGuid().ToString('n') + '.csv')
New-BenchPromptCsv -Path $csv -Rows $Rows -Variants $Variants
$null = New-Item -ItemType Directory -Path $Path -Force
$api = $ApiBaseUrl.TrimEnd('/') + '/api/v1/gpt4o-image'
$headers = @{ Authorization = "Bearer $ApiKey" }

try {
    $measured = Measure-BenchRun {
        Import-Csv -Path $csv | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
            $api = $using:api
            $headers = $using:headers
            try {
                $body = @{ prompt = $_.prompt; size = $_.size; nVariants = [int]$_.variants } | ConvertTo-Json
                $created = Invoke-RestMethod -Method Post -Uri "$api/generate" -Headers $headers -Body $body -ContentType 'application/json'
                if ($created.code -ne 200) { throw "generate answered code $($created.code): $($created.msg)" }
                $taskId = $created.data.taskId
                do {
                    Start-Sleep -Milliseconds ([int]($using:PollSeconds * 1000))
                    $info = Invoke-RestMethod -Uri "$api/record-info?taskId=$taskId" -Headers $headers
                    if ($info.code -ne 200) { throw "record-info answered code $($info.code): $($info.msg)" }
                } while ($info.data.successFlag -eq 0)
                if ($info.data.successFlag -ne 1) { throw "task $taskId failed: $($info.data.errorMessage)" }

                $index = 0
                foreach ($url in $info.data.response.resultUrls) {
                    $file = Join-Path $using:Path "$($taskId)_$index.png"
                    Invoke-WebRequest -Uri $url -OutFile $file
                    Get-Item -LiteralPath $file
                    $index++
                }
            }
            catch {
                Write-Error -ErrorRecord $_
            }
        }
    }
    if ($ResultPath) { Export-BenchResult -Result $measured -Path $ResultPath }
    else { $measured }
}
finally {
    Remove-Item -LiteralPath $csv -ErrorAction SilentlyContinue
}
