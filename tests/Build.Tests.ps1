#Requires -Version 5.1
# Pester 5: the build's own plumbing in real PowerShell: starting a child PowerShell the same way under an installed
# pwsh and under PowerShell as a .NET tool (`dotnet pwsh`), and out/FourOImage holding the Release build.
# Run: ./build.ps1 -Task Pester -PesterPath tests/Build.Tests.ps1

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $helper = Join-Path $repoRoot 'build/ChildPowerShell.ps1'
    . $helper

    # Runs the helper inside a PowerShell started as FilePath + Arguments and returns what that PowerShell's child saw.
    function Invoke-HelperFrom([string] $FilePath, [string[]] $Arguments) {
        $probe = ". '$($helper -replace "'", "''")'; " +
            '$c = Get-ChildPowerShell; $c.FilePath; ' +
            "Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command '`$PSHOME; `$PSVersionTable.PSVersion.ToString(); [Environment]::ProcessId'"
        $all = @($Arguments) + @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $probe)
        $lines = @(& $FilePath @all)
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; ChildFilePath = $lines[0]; ChildHome = $lines[1]; ChildVersion = $lines[2] }
    }
}

Describe 'Get-ChildPowerShell' {
    It 'starts a fresh PowerShell of the same version from $PSHOME' {
        $lines = @(Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -Command '$PSHOME; $PSVersionTable.PSVersion.ToString(); $PID')
        $LASTEXITCODE | Should -Be 0
        $lines[0] | Should -Be $PSHOME
        $lines[1] | Should -Be $PSVersionTable.PSVersion.ToString()
        [int]$lines[2] | Should -Not -Be $PID
    }

    It 'works under PowerShell started from its own executable (an installed pwsh)' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $exe = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $seen = Invoke-HelperFrom -FilePath $exe
        $seen.ExitCode | Should -Be 0
        $seen.ChildFilePath | Should -Be $exe
        $seen.ChildHome | Should -Be $PSHOME
        $seen.ChildVersion | Should -Be $PSVersionTable.PSVersion.ToString()
    }

    It 'works under PowerShell run by the dotnet host, as `dotnet pwsh` runs it' -Skip:(-not (Test-Path (Join-Path $PSHOME 'pwsh.dll'))) {
        $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
        $seen = Invoke-HelperFrom -FilePath $dotnet -Arguments (Join-Path $PSHOME 'pwsh.dll')
        $seen.ExitCode | Should -Be 0
        $seen.ChildFilePath | Should -Not -Match 'dotnet(\.exe)?$' -Because 'the dotnet host needs pwsh.dll as its first argument'
        $seen.ChildHome | Should -Be $PSHOME
        $seen.ChildVersion | Should -Be $PSVersionTable.PSVersion.ToString()
    }
}

Describe 'out/FourOImage' {
    It 'holds a Release build, whatever else was built' {
        $folder = Join-Path $repoRoot 'out/FourOImage'
        foreach ($name in 'FourOImage.dll', 'FourOImage.Core.dll') {
            $path = Join-Path $folder $name
            Test-Path -LiteralPath $path | Should -BeTrue -Because "$name is part of the module"
            # A Debug build carries DebuggableAttribute with the JIT optimizer disabled; read it without loading the file.
            $stream = [IO.File]::OpenRead($path)
            try {
                $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
                $debugFlags = foreach ($handle in $metadata.GetAssemblyDefinition().GetCustomAttributes()) {
                    $attribute = $metadata.GetCustomAttribute($handle)
                    $ctor = $metadata.GetMemberReference([System.Reflection.Metadata.MemberReferenceHandle]$attribute.Constructor)
                    $type = $metadata.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle]$ctor.Parent)
                    if ($metadata.GetString($type.Name) -eq 'DebuggableAttribute') {
                        # The blob: prolog (2 bytes), then the DebuggingModes int32.
                        $blob = $metadata.GetBlobBytes($attribute.Value)
                        [BitConverter]::ToInt32($blob, 2)
                    }
                }
                $reader.Dispose()
            }
            finally { $stream.Dispose() }
            $disableOptimizations = 256
            ($debugFlags -band $disableOptimizations) | Should -Be 0 -Because "$name in out/FourOImage must be a Release (optimized) build"
        }
    }
}

Describe 'build.ps1 -Task Pester' {
    BeforeAll {
        # A tiny test file: one test passes, one fails with a message holding ANSI colour codes (an escape character),
        # as a failed assertion on coloured host text would.
        $testFile = Join-Path $TestDrive 'Deliberate.Tests.ps1'
        Set-Content -LiteralPath $testFile -Encoding UTF8 -Value @'
Describe 'Deliberate' {
    It 'passes' { 1 | Should -Be 1 }
    It 'fails with an escape in its message' { "ImagesLost $([char]27)[32m:$([char]27)[0m 3" | Should -Be 'ImagesLost : 0' }
}
'@
        $ErrorActionPreference = 'Continue'
        $lines = @(Invoke-ChildPowerShell -NoLogo -NoProfile -NonInteractive -File (Join-Path $repoRoot 'build.ps1') -Task Pester -NoBuild -PesterPath $testFile 2>&1 |
                ForEach-Object { "$_" })
        $exitCode = $LASTEXITCODE
        $ErrorActionPreference = 'Stop'
    }

    It 'fails the run and names the failed test in one readable failed: line' {
        $exitCode | Should -Not -Be 0 -Because ($lines -join "`n")
        $failed = @($lines | Where-Object { $_ -like 'failed: *' })
        $failed.Count | Should -Be 1 -Because ($lines -join "`n")
        $failed[0] | Should -BeLike 'failed: Deliberate.fails with an escape in its message: *ImagesLost*'
        $failed[0] | Should -Not -Match '[\x00-\x1F]' -Because 'control characters make the line unreadable'
    }

    It 'ends with the counts from Pester''s result object' {
        $lines | Should -Contain 'tests: 1 passed, 1 failed, 0 skipped (Pester)'
    }
}
