#Requires -Version 5.1
# Pester 5: the prompt kept inside every saved image, read back, and the gallery page of a batch looked at in headless
# Chromium. One 20-row batch (one row refused by the content policy, a share of images carrying C2PA content
# credentials) runs through the one-line pipeline, without a journal, against the local emulator; a smaller batch
# runs through the resumable form with a journal.
# Run: ./build.ps1 -Task Pester -PesterPath tests/Gallery.Tests.ps1

BeforeAll {
    $ErrorActionPreference = 'Stop'
    . (Join-Path $PSScriptRoot 'Emulator.ps1')
    . (Join-Path $PSScriptRoot 'Chromium.ps1')
    $repoRoot = Split-Path $PSScriptRoot -Parent
    $modulePath = if ($env:FOUROIMAGE_TEST_MODULE) { $env:FOUROIMAGE_TEST_MODULE } else { Join-Path $repoRoot 'out/FourOImage/FourOImage.psd1' }
    Import-Module $modulePath -Force
    $emu = Start-FourOImageEmulator -EmulatorDll (Find-EmulatorDll -RepoRoot $repoRoot) -ArgumentList @(
        '--generation-time', '0.3', '--refused-words', 'gore', '--content-credentials', '0.25', '--seed', '7')
    Connect-4oImage -ApiKey $emu.ApiKey -BaseUrl $emu.ApiBaseUrl -SkipKeyCheck

    $rows = @(
        @{ Prompt = 'A red fox in fresh snow, watercolour'; Size = '1:1'; Variants = 1 }
        @{ Prompt = 'A lighthouse on a cliff at dusk, oil painting'; Size = '3:2'; Variants = 2 }
        @{ Prompt = 'Portrait of an old sailor with a pipe'; Size = '2:3'; Variants = 1 }
        @{ Prompt = "<script>document.title='pwned';window.pwned=1</script><img src=x onerror=""window.pwned=2""> a cat"; Size = '1:1'; Variants = 1 }
        @{ Prompt = '雪の中の赤い狐、水彩画 🦊'; Size = '1:1'; Variants = 4 }
        @{ Prompt = 'Ein Fuchs im Schnee: Größe & Licht'; Size = '3:2'; Variants = 1 }
        @{ Prompt = 'A bowl of ramen, studio lighting, 50mm'; Size = '1:1'; Variants = 2 }
        @{ Prompt = 'A gore scene on a battlefield'; Size = '1:1'; Variants = 1 }
        @{ Prompt = 'A tiny robot watering a bonsai tree'; Size = '2:3'; Variants = 1 }
        @{ Prompt = 'Isometric city block at night, neon signs'; Size = '3:2'; Variants = 1 }
        @{ Prompt = "A map of an imaginary archipelago`nparchment style, two lines"; Size = '3:2'; Variants = 1 }
        @{ Prompt = 'Macro photo of a dewdrop on a leaf'; Size = '1:1'; Variants = 1 }
        @{ Prompt = 'A cosy reading nook with rain on the window'; Size = '2:3'; Variants = 2 }
        @{ Prompt = 'Retro poster: "Visit Mars" in bold letters'; Size = '2:3'; Variants = 1 }
        @{ Prompt = 'A whale made of clouds over the ocean'; Size = '3:2'; Variants = 1 }
        @{ Prompt = 'Line drawing of a bicycle, minimal'; Size = '1:1'; Variants = 1 }
        @{ Prompt = 'An owl wearing glasses reading a book'; Size = '1:1'; Variants = 1 }
        @{ Prompt = 'A street market in Marrakesh, golden hour'; Size = '3:2'; Variants = 1 }
        @{ Prompt = 'Paper-cut art of mountains and a river'; Size = '3:2'; Variants = 1 }
        @{ Prompt = "Astronaut riding a horse on the moon ' & "" < >"; Size = '1:1'; Variants = 1 }
    ) | ForEach-Object { [pscustomobject]$_ }
    $csv = Join-Path $TestDrive 'prompts.csv'
    $rows | Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding UTF8
    $out = Join-Path $TestDrive 'out'
    $page = Join-Path $out 'gallery.html'

    # The one line, as the README shows it first: no journal, and the page still names the failed row.
    $waitErrors = $null
    $pageFile = Import-Csv -LiteralPath $csv | New-4oImage |
        Wait-4oImageTask -ErrorAction SilentlyContinue -ErrorVariable waitErrors |
        Save-4oImage -Path $out -OutVariable saved |
        Export-4oImageGallery -Path $page
    $expectedImages = ($rows | Where-Object Prompt -NotMatch 'gore' | Measure-Object Variants -Sum).Sum

    # Byte ranges compared in .NET (Pester compares arrays item by item, far too slowly for images).
    function Test-SameBytes([byte[]] $A, [int] $AStart, [byte[]] $B, [int] $BStart, [int] $Count) {
        if ($A.Length -lt $AStart + $Count -or $B.Length -lt $BStart + $Count) { return $false }
        return [Linq.Enumerable]::SequenceEqual([ArraySegment[byte]]::new($A, $AStart, $Count), [ArraySegment[byte]]::new($B, $BStart, $Count))
    }

    # Result bytes as the image host serves them, by task id and index.
    function Get-ServedImage([string] $TaskId, [int] $Index) {
        $task = Get-4oImageTask -TaskId $TaskId
        return (Invoke-WebRequest -Uri $task.ResultUrls[$Index] -UseBasicParsing).Content
    }
}

AfterAll {
    if ($emu) { Stop-FourOImageEmulator $emu }
}

Describe 'The prompt inside every saved image' {
    It 'saves every image of the 19 good rows, and the refused row is the one error' {
        $saved.Count | Should -Be $expectedImages
        $waitErrors.Count | Should -Be 1
        $waitErrors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.Task.Failed*'
        $pageFile.FullName | Should -Be $page
    }

    It 'reads back, with Get-4oImageInfo, the prompt, task id and variant of each saved file' {
        $infos = @($saved | Get-4oImageInfo)
        $infos.Count | Should -Be $saved.Count
        foreach ($file in $saved) {
            $info = $infos | Where-Object Path -EQ $file.FullName
            $info.TaskId | Should -Be $file.TaskId
            $info.Index | Should -Be $file.Index
            $info.Prompt | Should -BeExactly $file.Prompt
            $row = $rows | Where-Object Prompt -EQ $file.Prompt
            $info.Size | Should -Be $row.Size
            $info.Variants | Should -Be $row.Variants
            $info.Software | Should -BeLike 'FourOImage *'
            $info.CompleteTime | Should -Not -BeNullOrEmpty
        }
        ($infos | Where-Object MetadataSource -EQ 'PNG').Count | Should -BeGreaterThan 10
    }

    It 'is readable by an independent PNG text reader, and every file is still a valid PNG' {
        # A reader written here from the PNG specification, with Python's standard library only.
        $reader = Join-Path $TestDrive 'read_text.py'
        Set-Content -LiteralPath $reader -Encoding UTF8 -Value @'
import json, struct, sys, zlib
out = {}
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path
    pos, texts, types = 8, {}, []
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xffffffff == crc, (path, kind)
        types.append(kind.decode())
        if kind == b'iTXt':
            key, rest = body.split(b'\0', 1)
            flag, method, rest = rest[0], rest[1], rest[2:]
            lang, rest = rest.split(b'\0', 1)
            translated, text = rest.split(b'\0', 1)
            texts[key.decode('latin-1')] = (zlib.decompress(text) if flag else text).decode('utf-8')
        pos += 12 + length
    assert types[0] == 'IHDR' and types[-1] == 'IEND' and 'IDAT' in types and pos == len(data), path
    out[path] = texts
print(json.dumps(out))
'@
        $python = Get-Command python3 -ErrorAction SilentlyContinue
        if (-not $python) { Set-ItResult -Skipped -Because 'python3 is not installed'; return }
        $withChunks = @($saved | Where-Object { -not (Test-Path -LiteralPath "$($_.FullName).json") })
        $json = & $python.Source $reader @($withChunks.FullName)
        $LASTEXITCODE | Should -Be 0
        $texts = $json | ConvertFrom-Json
        foreach ($file in $withChunks) {
            $found = $texts.($file.FullName)
            $found.Description | Should -BeExactly $file.Prompt
            $found.Source | Should -BeLike "*task $($file.TaskId), image $($file.Index + 1) of *"
            $found.Software | Should -BeLike 'FourOImage *'
            $found.'Creation Time' | Should -Match '^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$'
            ($found.FourOImage | ConvertFrom-Json).taskId | Should -Be $file.TaskId
        }
        $pngcheck = Get-Command pngcheck -ErrorAction SilentlyContinue
        if ($pngcheck) {
            & $pngcheck.Source -q @($saved.FullName) | Should -BeNullOrEmpty
            $LASTEXITCODE | Should -Be 0
        }
    }

    It 'leaves an image with content credentials byte-identical to what the service sent, with a sidecar beside it' {
        $signed = @($saved | Get-4oImageInfo | Where-Object HasContentCredentials)
        $signed.Count | Should -BeGreaterThan 0
        foreach ($info in $signed) {
            $info.MetadataSource | Should -Be 'Sidecar'
            $info.SidecarPath | Should -Be "$($info.Path).json"
            $served = Get-ServedImage $info.TaskId $info.Index
            Test-SameBytes ([IO.File]::ReadAllBytes($info.Path)) 0 $served 0 $served.Length | Should -BeTrue
            (Get-Content -LiteralPath $info.SidecarPath -Raw | ConvertFrom-Json).prompt | Should -Not -BeNullOrEmpty
        }
        # And only those have sidecars.
        @(Get-ChildItem -LiteralPath $out -Filter '*.json').Count | Should -Be $signed.Count
    }

    It 'adds only text chunks: the image data is what the service sent' {
        $plain = $saved | Get-4oImageInfo | Where-Object MetadataSource -EQ 'PNG' | Select-Object -First 1
        $served = Get-ServedImage $plain.TaskId $plain.Index
        $written = [IO.File]::ReadAllBytes($plain.Path)
        $written.Length | Should -BeGreaterThan $served.Length
        # The served file's first chunk (signature + IHDR) and everything after it are kept in order.
        Test-SameBytes $written 0 $served 0 33 | Should -BeTrue
        $tail = $served.Length - 33
        Test-SameBytes $written ($written.Length - $tail) $served 33 $tail | Should -BeTrue
    }

    It 'gives a clear non-terminating error for a file with no metadata, and goes on' {
        $bare = Join-Path $TestDrive 'bare'
        $first = $saved | Select-Object -First 2
        $first | ForEach-Object TaskId | Select-Object -Unique | Save-4oImage -Path $bare -NoMetadata | Out-Null
        @(Get-ChildItem -LiteralPath $bare -Filter '*.json').Count | Should -Be 0
        $other = Join-Path $TestDrive 'notes.txt'
        Set-Content -LiteralPath $other -Value 'not an image'
        $errors = $null
        $infos = @(Get-4oImageInfo -Path @((Get-ChildItem $bare -Filter *.png)[0].FullName, $other, $saved[0].FullName) -ErrorAction SilentlyContinue -ErrorVariable errors)
        $infos.Count | Should -Be 1
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FourOImage.ImageInfo.NoMetadata*'
        $errors[0].Exception.Message | Should -BeLike "*has no FourOImage metadata: no 'FourOImage' text chunk and no sidecar*"
        $errors[1].FullyQualifiedErrorId | Should -BeLike 'FourOImage.ImageInfo.InvalidImage*'
    }

    It 'skips, on a re-run, the files it saved with metadata, downloading nothing' {
        $before = Get-ChildItem -LiteralPath $out -Filter '*.png' | ForEach-Object { $_.FullName + '|' + (Get-FileHash -LiteralPath $_.FullName).Hash }
        Clear-EmulatorRequest $emu
        $saved | ForEach-Object TaskId | Select-Object -Unique | Save-4oImage -Path $out | Out-Null
        @(Get-EmulatorRequest $emu -Endpoint 'image').Count | Should -Be 0
        Get-ChildItem -LiteralPath $out -Filter '*.png' | ForEach-Object { $_.FullName + '|' + (Get-FileHash -LiteralPath $_.FullName).Hash } | Should -Be $before
    }
}

Describe 'The gallery page' {
    It 'names every task and the failed row with its reason, and claims nothing about credits without a journal' {
        $html = Get-Content -LiteralPath $page -Raw -Encoding UTF8
        foreach ($file in $saved) { $html | Should -Match ([regex]::Escape([uri]::EscapeDataString($file.Name))) }
        $html | Should -Match 'batch of 20 rows: 19 succeeded, 1 without an image'
        $html | Should -Match 'Row 8: the task failed'
        $html | Should -Match 'Your content was flagged by OpenAI as violating content policies'
        $html | Should -Match 'change them, then create a new task'
        $html | Should -Not -Match 'credits spent'
        $html | Should -Not -Match '<script'
        $html | Should -Match '&lt;script&gt;document.title=&#39;pwned&#39;'
        $html | Should -Not -Match 'https?://'
    }

    It 'opens in headless Chromium with every image shown, no console error, and the injected script inert' -Tag Slow {
        $chromium = Find-Chromium
        if (-not $chromium) {
            if ($env:CI -eq 'true') { throw 'Chromium is missing: .ci/run installs it (apt-get install chromium).' }
            Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium)'
            return
        }
        # A copy of the folder elsewhere: the page must not depend on where it was written.
        $copy = Join-Path $TestDrive 'copied'
        Copy-Item -LiteralPath $out -Destination $copy -Recurse
        $screens = Join-Path $repoRoot 'out/TestResults/gallery'
        $null = New-Item -ItemType Directory -Path $screens -Force
        $browser = Start-HeadlessChromium -Executable $chromium
        try {
            foreach ($view in @(@{ Name = 'desktop'; Width = 1280; Height = 1000 }, @{ Name = 'phone'; Width = 390; Height = 844 })) {
                $url = [Uri]::new((Join-Path $copy 'gallery.html')).AbsoluteUri
                $session = Open-CdpPage $browser $url -Width $view.Width -Height $view.Height
                # Images further down load as they come near the view (loading=lazy); here every one is made to load.
                $state = Invoke-CdpScript $browser $session @'
document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager'),
Promise.all([...document.images].map(i => i.decode().catch(() => null))).then(() => JSON.stringify({
  images: document.images.length,
  shown: [...document.images].filter(i => i.complete && i.naturalWidth > 0).map(i => decodeURIComponent(i.src.split('/').pop())),
  title: document.title, pwned: window.pwned || 0, scripts: document.scripts.length,
  failed: document.querySelector('#failed') ? document.querySelector('#failed').innerText : '',
  prompts: [...document.querySelectorAll('h2.prompt')].map(h => h.textContent),
  overflow: document.documentElement.scrollWidth > window.innerWidth
}))
'@ | ConvertFrom-Json
                $state.images | Should -Be $expectedImages
                $state.shown.Count | Should -Be $expectedImages
                $state.shown | Sort-Object | Should -Be ($saved.Name | Sort-Object)
                $state.pwned | Should -Be 0
                $state.scripts | Should -Be 0
                $state.title | Should -Be 'FourOImage gallery'
                $state.failed | Should -Match 'Row 8: the task failed'
                $state.failed | Should -Match 'A gore scene on a battlefield'
                $state.prompts | Should -Contain $rows[3].Prompt
                $state.overflow | Should -BeFalse
                Save-CdpScreenshot $browser $session (Join-Path $screens "gallery-$($view.Name).png")
            }
            @(Get-CdpError $browser) | Should -BeNullOrEmpty
        }
        finally {
            Stop-HeadlessChromium $browser
        }
        (Get-Item (Join-Path $screens 'gallery-desktop.png')).Length | Should -BeGreaterThan 10000
    }

    It 'is not replaced without -Force, checked before any task is created' {
        Clear-EmulatorRequest $emu
        $errorRecord = $null
        try { New-4oImage -Prompt 'never sent' | Export-4oImageGallery -Path $page } catch { $errorRecord = $_ }
        $errorRecord.FullyQualifiedErrorId | Should -BeLike 'FourOImage.Gallery.FileExists*'
        @(Get-EmulatorRequest $emu -Endpoint 'generate').Count | Should -Be 0
    }

    It 'writes nothing with -WhatIf, and replaces the page with -Force' {
        $other = Join-Path $TestDrive 'whatif.html'
        Export-4oImageGallery -Path $other -InputObject $out -WhatIf
        Test-Path -LiteralPath $other | Should -BeFalse
        $before = (Get-Item -LiteralPath $page).LastWriteTimeUtc
        Start-Sleep -Milliseconds 20
        $written = Export-4oImageGallery -Path $page -Force
        $written.FullName | Should -Be $page
        (Get-Item -LiteralPath $page).LastWriteTimeUtc | Should -BeGreaterThan $before
        @(Get-ChildItem -LiteralPath $out -Force -Filter '.*partial').Count | Should -Be 0
    }

    It 'puts the images inside the page with -Embed' {
        $single = Join-Path $TestDrive 'single.html'
        $saved | Select-Object -First 3 | Get-4oImageInfo | Export-4oImageGallery -Path $single -Embed -Title 'Three' | Out-Null
        $html = Get-Content -LiteralPath $single -Raw
        ([regex]::Matches($html, 'src="data:image/png;base64,')).Count | Should -Be 3
        $html | Should -Match '<title>Three</title>'
    }
}

Describe 'A gallery that holds a real batch (issue 22, item 8)' {
    It 'loads images lazily after the first cards, and gives each caption one line with its full text as a tooltip' {
        $html = Get-Content -LiteralPath $page -Raw -Encoding UTF8
        $cards = @([regex]::Matches($html, '<li class="card"[\s\S]*?</li>') | ForEach-Object Value)
        $cards.Count | Should -Be 19
        foreach ($card in $cards[0..5]) { $card | Should -Not -Match 'loading="lazy"' }
        foreach ($card in $cards[6..18]) { $card | Should -Match '<img [^>]*loading="lazy"' }
        $html | Should -Match '<figcaption title="[^"]+">'
    }

    It 'clamps a 5,000-character prompt on its card, opens it in full without script, and keeps many failures to one line above the images' {
        $long = (1..600 | ForEach-Object { "harbour $_" }) -join ' '
        $long = $long.Substring(0, 4999) + 'x'
        $folder = Join-Path $TestDrive 'long'
        $longPage = Join-Path $folder 'gallery.html'
        $null = @($long, 'gore one', 'gore two', 'gore three', 'gore four', 'A kite') | New-4oImage -ErrorAction SilentlyContinue |
            Wait-4oImageTask -ErrorAction SilentlyContinue | Save-4oImage -Path $folder | Export-4oImageGallery -Path $longPage
        $html = Get-Content -LiteralPath $longPage -Raw -Encoding UTF8
        $html | Should -Match '<details id="failed">\s*<summary><h2 id="failed-title">4 rows gave no image</h2>'
        $html | Should -Match '<details class="prompt"><summary><h2 class="prompt" id="t\d">harbour 1 harbour 2'
        $html | Should -Match 'data-more="Show the whole prompt \(5,000 characters\)"'
        ([regex]::Matches($html, 'harbour 399')).Count | Should -Be 1 -Because 'the whole prompt is on the page once'

        $chromium = Find-Chromium
        if (-not $chromium) {
            if ($env:CI -eq 'true') { throw 'Chromium is missing: .ci/run installs it (apt-get install chromium).' }
            Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium)'
            return
        }
        $screens = Join-Path $repoRoot 'out/TestResults/gallery'
        $null = New-Item -ItemType Directory -Path $screens -Force
        $browser = Start-HeadlessChromium -Executable $chromium
        try {
            foreach ($view in @(@{ Name = 'desktop'; Width = 1280; Height = 900 }, @{ Name = 'phone'; Width = 390; Height = 844 })) {
                $session = Open-CdpPage $browser ([Uri]::new($longPage).AbsoluteUri) -Width $view.Width -Height $view.Height
                $state = Invoke-CdpScript $browser $session @'
Promise.all([...document.images].map(i => i.decode().catch(() => null))).then(() => {
  const prompt = document.querySelector('details.prompt h2');
  const line = parseFloat(getComputedStyle(prompt).lineHeight);
  const closed = prompt.getBoundingClientRect().height;
  document.querySelector('details.prompt').open = true;
  const open = prompt.getBoundingClientRect().height;
  document.querySelector('details.prompt').open = false;
  const captions = [...document.querySelectorAll('figcaption')];
  return JSON.stringify({
    firstImageTop: document.images[0].getBoundingClientRect().top, viewport: innerHeight,
    closedLines: closed / line, openLines: open / line,
    failedHeight: document.querySelector('#failed').getBoundingClientRect().height,
    multiLineCaptions: captions.filter(c => c.getBoundingClientRect().height > parseFloat(getComputedStyle(c).lineHeight) * 1.5).length,
    overflow: document.documentElement.scrollWidth > innerWidth
  });
})
'@ | ConvertFrom-Json
                $state.firstImageTop | Should -BeLessThan ($state.viewport / 2) -Because "the first image is in view at $($view.Width) px"
                $state.closedLines | Should -BeLessOrEqual 4.5
                $state.openLines | Should -BeGreaterThan 10
                $state.failedHeight | Should -BeLessThan 80
                $state.multiLineCaptions | Should -Be 0
                $state.overflow | Should -BeFalse
                Save-CdpScreenshot $browser $session (Join-Path $screens "gallery-long-$($view.Name).png")
            }
            @(Get-CdpError $browser) | Should -BeNullOrEmpty
        }
        finally {
            Stop-HeadlessChromium $browser
        }
    }
}

Describe 'A second batch: a bad row, and the resumable form with a journal' {
    BeforeAll {
        $small = Join-Path $TestDrive 'small.csv'
        @(
            [pscustomobject]@{ Prompt = 'A paper boat on a pond'; Variants = '1' }
            [pscustomobject]@{ Prompt = 'Two owls on a branch'; Variants = 'two' }
            [pscustomobject]@{ Prompt = 'More gore, please'; Variants = '1' }
        ) | Export-Csv -LiteralPath $small -NoTypeInformation -Encoding UTF8
    }

    It 'lists a row refused before any request, and nothing of the other batch' {
        $bare = Join-Path $TestDrive 'bare-line'
        $bareErrors = $null
        Import-Csv -LiteralPath $small | New-4oImage -ErrorAction SilentlyContinue -ErrorVariable +bareErrors |
            Wait-4oImageTask -ErrorAction SilentlyContinue -ErrorVariable +bareErrors |
            Save-4oImage -Path $bare | Export-4oImageGallery -Path (Join-Path $bare 'gallery.html') | Out-Null
        $bareErrors.Count | Should -Be 2
        $html = Get-Content -LiteralPath (Join-Path $bare 'gallery.html') -Raw -Encoding UTF8
        $html | Should -Match 'batch of 3 rows: 1 succeeded, 2 without an image'
        $html | Should -Match 'Row 2: not sent, the row is not valid'
        $html | Should -Match '-Variants must be 1, 2 or 4, not &#39;two&#39;'
        $html | Should -Match 'Row 3: the task failed'
        $html | Should -Match 'More gore, please'
        # The first batch's refused row belongs to its own page only.
        $html | Should -Not -Match 'A gore scene on a battlefield'
    }

    It 'with -Journal on both ends, names the failed row and the credits the batch spent' {
        $resumable = Join-Path $TestDrive 'resumable'
        $journal = Join-Path $resumable 'batch.journal'
        $null = New-Item -ItemType Directory -Path $resumable
        Import-Csv -LiteralPath $small | New-4oImage -Journal $journal -ErrorAction SilentlyContinue |
            Wait-4oImageTask -ErrorAction SilentlyContinue |
            Save-4oImage -Path $resumable |
            Export-4oImageGallery -Path (Join-Path $resumable 'gallery.html') -Journal $journal | Out-Null
        $html = Get-Content -LiteralPath (Join-Path $resumable 'gallery.html') -Raw -Encoding UTF8
        $html | Should -Match 'Row 3: the task failed'
        $html | Should -Match 'credits spent: \d'
        # The journal never saw the row refused before any request; the page still tells it.
        $html | Should -Match 'batch of 3 rows: 1 succeeded, 2 without an image'
        $html | Should -Match 'Row 2: not sent, the row is not valid'
    }

    It 'tells the same rows when the same line runs again, which creates nothing' {
        $resumable = Join-Path $TestDrive 'resumable'
        $journal = Join-Path $resumable 'batch.journal'
        $before = (Get-EmulatorRequest -Emulator $emu -Endpoint generate).Count
        Import-Csv -LiteralPath $small | New-4oImage -Journal $journal -ErrorAction SilentlyContinue |
            Wait-4oImageTask -ErrorAction SilentlyContinue |
            Save-4oImage -Path $resumable |
            Export-4oImageGallery -Path (Join-Path $resumable 'gallery.html') -Journal $journal -Force | Out-Null
        (Get-EmulatorRequest -Emulator $emu -Endpoint generate).Count | Should -Be $before
        $html = Get-Content -LiteralPath (Join-Path $resumable 'gallery.html') -Raw -Encoding UTF8
        $html | Should -Match 'batch of 3 rows: 1 succeeded, 2 without an image'
        $html | Should -Match 'Row 2: not sent, the row is not valid'
        $html | Should -Match 'Row 3: the task failed'
        ([regex]::Matches($html, 'Row 3: the task failed')).Count | Should -Be 1
    }
}

Describe 'A pipeline that gives the page nothing' {
    It 'warns that there is nothing to show, and is no error' {
        $none = Join-Path $TestDrive 'nothing/gallery.html'
        $warnings = $null
        $errors = $null
        @() | Export-4oImageGallery -Path $none -WarningVariable warnings -ErrorVariable errors -WarningAction SilentlyContinue | Out-Null
        $errors | Should -BeNullOrEmpty
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*has no images to show*'
        Test-Path -LiteralPath $none | Should -BeTrue
    }
}
