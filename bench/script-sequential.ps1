<#
.SYNOPSIS
    Run B of the benchmark: the script people write today without FourOImage, one row at a time.

.DESCRIPTION
    For each CSV row: generate; sleep -PollSeconds and poll record-info until the task ends; download each result
    URL one by one with Invoke-WebRequest. Plain web cmdlets, no parallelism, no retries. A row that fails is
    counted and the next row goes on.

    bench/FourOImage.Bench runs it in a child PowerShell against its emulator (-ApiBaseUrl, -ApiKey), the same way
    it runs bench/pipeline.ps1 (run A), and reads -ResultPath.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/script-sequential.ps1 -ApiBaseUrl http://127.0.0.1:5077/ -ApiKey emu_demo -Rows 3 -Path ./out/seq
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ApiBaseUrl,
    [Parameter(Mandatory)] [string] $ApiKey,
    [ValidateRange(1, 100000)] [int] $Rows = 10,
    [ValidateSet(1, 2, 4)] [int] $Variants = 4,
    [Parameter(Mandatory)] [string] $Path,
    [string] $ResultPath,
    [ValidateRange(0.1, 600)] [double] $PollSeconds = 5
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
        foreach ($row in Import-Csv -Path $csv) {
            try {
                $body = @{ prompt = $row.prompt; size = $row.size; nVariants = [int]$row.variants } | ConvertTo-Json
                $created = Invoke-RestMethod -Method Post -Uri "$api/generate" -Headers $headers -Body $body -ContentType 'application/json'
                if ($created.code -ne 200) { throw "generate answered code $($created.code): $($created.msg)" }
                $taskId = $created.data.taskId
                do {
                    Start-Sleep -Milliseconds ([int]($PollSeconds * 1000))
                    $info = Invoke-RestMethod -Uri "$api/record-info?taskId=$taskId" -Headers $headers
                    if ($info.code -ne 200) { throw "record-info answered code $($info.code): $($info.msg)" }
                } while ($info.data.successFlag -eq 0)
                if ($info.data.successFlag -ne 1) { throw "task $taskId failed: $($info.data.errorMessage)" }

                $index = 0
                foreach ($url in $info.data.response.resultUrls) {
                    $file = Join-Path $Path "$($taskId)_$index.png"
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
