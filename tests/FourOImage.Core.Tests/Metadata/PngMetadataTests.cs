using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FourOImage.Core.Metadata;
using Xunit;

namespace FourOImage.Core.Tests.Metadata;

/// <summary>PNG text chunks written by the module, read back by it and by an independent reader; the sidecar path.</summary>
public sealed class PngMetadataTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fouro-meta-").FullName;
    private int temps;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("A red fox in the snow, watercolour")]
    [InlineData("Ein Fuchs im Schnee, Aquarell: Größe & Licht")]
    [InlineData("雪の中の赤い狐、水彩画 🦊")]
    [InlineData("<script>alert('x')</script> \"quoted\" & tabs\tand\nnew lines")]
    public void Facts_go_into_the_png_and_read_back_equal(string prompt)
    {
        var original = TestPng.Rgb().Text("Comment", "from the service").Bytes();
        string downloaded = Write("download.partial", original);
        var facts = Facts(prompt);

        var (pathToMove, placement, note, _) = SavedImageMetadata.Prepare(downloaded, Final("t_0.png"), facts, replace: false, NewTemp)!;

        Assert.Equal(MetadataPlacement.PngChunks, placement);
        Assert.Null(note);
        Assert.NotEqual(downloaded, pathToMove);
        Assert.Equal(original, File.ReadAllBytes(downloaded));
        File.Move(pathToMove, Final("t_0.png"));
        var info = ImageInfoReader.Read(Final("t_0.png"));
        Assert.Equal("PNG", info.MetadataSource);
        Assert.Equal(prompt, info.Prompt);
        Assert.Equal(facts.TaskId, info.TaskId);
        Assert.Equal(2, info.Index);
        Assert.Equal(4, info.Variants);
        Assert.Equal("3:2", info.Size);
        Assert.Equal(facts.CreateTime, info.CreateTime);
        Assert.Equal(facts.CompleteTime, info.CompleteTime);
        Assert.Equal(facts.SavedAt, info.SavedAt);
        Assert.True(info.Enhance);
        Assert.True(info.EnableFallback);
        Assert.Equal("FLUX_MAX", info.FallbackModel);
        Assert.Equal("api.example.test", info.Service);
        Assert.Equal(4, info.Width);
        Assert.Equal(3, info.Height);
        Assert.False(info.HasContentCredentials);
        Assert.Null(info.SidecarPath);
        Assert.False(File.Exists(Final("t_0.png") + ".json"));
    }

    [Fact]
    public void An_independent_reader_sees_every_crc_valid_the_standard_keywords_and_the_original_chunks_unchanged()
    {
        var original = TestPng.Rgb().Text("Comment", "kept").Bytes();
        string downloaded = Write("download.partial", original);
        var facts = Facts("Größe: a fox");

        var (pathToMove, _, _, _) = SavedImageMetadata.Prepare(downloaded, Final("t_0.png"), facts, replace: false, NewTemp)!;
        var chunks = TestPng.Chunks(File.ReadAllBytes(pathToMove));

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        var texts = chunks.Where(c => c.Type == "iTXt").Select(c => ReadInternational(c.Data)).ToDictionary(t => t.Keyword, t => t.Text);
        Assert.Equal(new[] { "Description", "Source", "Software", "Creation Time", "FourOImage" }, texts.Keys);
        Assert.Equal("Größe: a fox", texts["Description"]);
        Assert.Equal("4o Image API (api.example.test), task 5fd1b68dbca66cddf73654e72e2094ea, image 3 of 4", texts["Source"]);
        Assert.StartsWith("FourOImage ", texts["Software"]);
        Assert.Equal("Sun, 29 Mar 2026 12:48:38 GMT", texts["Creation Time"]);
        using var json = JsonDocument.Parse(texts["FourOImage"]);
        Assert.Equal("5fd1b68dbca66cddf73654e72e2094ea", json.RootElement.GetProperty("taskId").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("index").GetInt32());
        Assert.Equal("Größe: a fox", json.RootElement.GetProperty("prompt").GetString());

        // Without the inserted chunks the file is the original, byte for byte.
        var originalChunks = TestPng.Chunks(original);
        var kept = chunks.Where(c => c.Type != "iTXt").ToList();
        Assert.Equal(originalChunks.Select(c => c.Type), kept.Select(c => c.Type));
        Assert.True(originalChunks.Zip(kept).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)));
    }

    [Fact]
    public void A_png_with_content_credentials_is_left_byte_identical_and_gets_a_sidecar()
    {
        var original = TestPng.Rgb().ContentCredentials().Bytes();
        string downloaded = Write("download.partial", original);

        var (pathToMove, placement, note, _) = SavedImageMetadata.Prepare(downloaded, Final("t_1.png"), Facts("a fox"), replace: false, NewTemp)!;

        Assert.Equal(MetadataPlacement.Sidecar, placement);
        Assert.Contains("C2PA", note);
        Assert.Equal(downloaded, pathToMove);
        Assert.Equal(original, File.ReadAllBytes(downloaded));
        File.Move(pathToMove, Final("t_1.png"));
        var info = ImageInfoReader.Read(Final("t_1.png"));
        Assert.Equal("Sidecar", info.MetadataSource);
        Assert.Equal(Final("t_1.png") + ".json", info.SidecarPath);
        Assert.True(info.HasContentCredentials);
        Assert.Equal("a fox", info.Prompt);
        using var sidecar = JsonDocument.Parse(File.ReadAllText(Final("t_1.png") + ".json"));
        Assert.Equal("t_1.png", sidecar.RootElement.GetProperty("file").GetString());
        Assert.True(sidecar.RootElement.GetProperty("contentCredentials").GetBoolean());
        Assert.DoesNotContain(Directory.GetFiles(directory, "*.partial*"), f => f != downloaded);
    }

    [Theory]
    [InlineData("jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3 })]
    [InlineData("webp", new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 6, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', 1, 2 })]
    public void Jpeg_and_webp_keep_their_bytes_and_get_a_sidecar(string extension, byte[] bytes)
    {
        string downloaded = Write("download.partial", bytes);
        string final = Final("t_0." + extension);

        var (pathToMove, placement, _, _) = SavedImageMetadata.Prepare(downloaded, final, Facts("a fox"), replace: false, NewTemp)!;

        Assert.Equal(MetadataPlacement.Sidecar, placement);
        File.Move(pathToMove, final);
        Assert.Equal(bytes, File.ReadAllBytes(final));
        var info = ImageInfoReader.Read(final);
        Assert.Equal(extension == "jpg" ? "JPEG" : "WebP", info.Format);
        Assert.Equal("a fox", info.Prompt);
        Assert.Null(info.Width);
    }

    [Fact]
    public void A_png_whose_crc_does_not_verify_is_not_touched_and_gets_a_sidecar()
    {
        var bytes = TestPng.Rgb().Bytes();
        bytes[45] ^= 0x55; // inside IDAT
        string downloaded = Write("download.partial", bytes);

        var (pathToMove, placement, note, _) = SavedImageMetadata.Prepare(downloaded, Final("t_0.png"), Facts("a fox"), replace: false, NewTemp)!;

        Assert.Equal(MetadataPlacement.Sidecar, placement);
        Assert.Equal(downloaded, pathToMove);
        Assert.Contains("IDAT chunk at byte 33 fails its CRC check", note);
        Assert.Equal(bytes, File.ReadAllBytes(downloaded));
    }

    [Fact]
    public void The_reader_checks_every_crc_and_the_structure()
    {
        var good = TestPng.Rgb().Bytes();
        Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, PngReader.Read(new MemoryStream(good), verifyEveryChunk: true).Chunks.Select(c => c.Type));

        var badIdat = (byte[])good.Clone();
        badIdat[45] ^= 1;
        Assert.Contains("IDAT chunk at byte 33 fails its CRC check", Problem(badIdat, verify: true));
        // Without full verification the image data is skipped, so only loaded chunks are checked.
        Assert.Null(Problem(badIdat, verify: false));

        Assert.Contains("without an IEND chunk", Problem(TestPng.Rgb().Bytes(withEnd: false), verify: true));
        Assert.Contains("cut short", Problem(good[..40], verify: true));
        Assert.Contains("after the IEND chunk", Problem(good.Concat(new byte[] { 0 }).ToArray(), verify: true));
        Assert.Contains("PNG signature", Problem(Encoding.ASCII.GetBytes("GIF89a........"), verify: true));
        Assert.Contains("not a 13-byte IHDR", Problem(new TestPng().Text("a", "b").Bytes(), verify: true));
        var noData = new TestPng().Add("IHDR", TestPng.Rgb().Bytes()[16..29]).Bytes();
        Assert.Contains("no IDAT", Problem(noData, verify: true));
    }

    [Fact]
    public void Text_written_by_other_tools_is_read_in_every_form()
    {
        var png = TestPng.Rgb()
            .Text("Title", "Café")
            .CompressedText("Comment", "zipped text")
            .InternationalText("Author", "Ёжик", compress: true)
            .InternationalText("Description", "雪", compress: false)
            .Bytes();

        var layout = PngReader.Read(new MemoryStream(png), verifyEveryChunk: true);

        Assert.Equal("Café", layout.Text("Title"));
        Assert.Equal("zipped text", layout.Text("Comment"));
        Assert.Equal("Ёжик", layout.Text("Author"));
        Assert.Equal("雪", layout.Text("Description"));
        Assert.Null(layout.Text("description"));
    }

    [Fact]
    public void A_file_without_metadata_is_an_error_that_names_it_and_says_where_it_looked()
    {
        string plain = TestPng.Rgb().Save(Path.Combine(directory, "plain.png"));
        string jpeg = Write("photo.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
        string text = Write("notes.txt", Encoding.ASCII.GetBytes("hello there, world"));

        var png = Assert.Throws<ImageMetadataMissingException>(() => ImageInfoReader.Read(plain));
        Assert.Equal($"'{plain}' has no FourOImage metadata: no 'FourOImage' text chunk and no sidecar 'plain.png.json' beside it.", png.Message);
        Assert.Contains("a JPEG file keeps it in a sidecar 'photo.jpg.json'", Assert.Throws<ImageMetadataMissingException>(() => ImageInfoReader.Read(jpeg)).Message);
        Assert.Contains("is not a PNG, JPEG or WebP image", Assert.Throws<InvalidDataException>(() => ImageInfoReader.Read(text)).Message);
    }

    [Fact]
    public void A_description_from_another_tool_is_not_taken_for_our_facts()
    {
        string other = TestPng.Rgb().InternationalText("Description", "made elsewhere", compress: false).Save(Path.Combine(directory, "other.png"));
        Assert.Throws<ImageMetadataMissingException>(() => ImageInfoReader.Read(other));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" Title")]
    [InlineData("Title ")]
    [InlineData("Two  spaces")]
    [InlineData("Tab\tkey")]
    [InlineData("Ключ")]
    public void Keywords_follow_the_png_rules(string keyword) =>
        Assert.Throws<ArgumentException>(() => PngText.EncodeInternational(keyword, "text"));

    [Fact]
    public void A_missing_prompt_leaves_out_the_description()
    {
        var facts = Facts("x");
        facts.Prompt = null;
        Assert.DoesNotContain(ImageFacts.TextEntries(facts), e => e.Keyword == "Description");
    }

    private static ImageInfo Facts(string prompt) => new()
    {
        TaskId = "5fd1b68dbca66cddf73654e72e2094ea",
        Index = 2,
        Variants = 4,
        Size = "3:2",
        Prompt = prompt,
        CreateTime = DateTimeOffset.FromUnixTimeMilliseconds(1774788500000),
        CompleteTime = DateTimeOffset.FromUnixTimeMilliseconds(1774788518000),
        Enhance = true,
        EnableFallback = true,
        FallbackModel = "FLUX_MAX",
        Service = "api.example.test",
        Software = ImageFacts.Software,
        SavedAt = new DateTimeOffset(2026, 3, 29, 12, 50, 1, 250, TimeSpan.Zero),
    };

    private static (string Keyword, string Text) ReadInternational(byte[] data)
    {
        int keywordEnd = Array.IndexOf(data, (byte)0);
        Assert.Equal(0, data[keywordEnd + 1]); // not compressed
        int languageEnd = Array.IndexOf(data, (byte)0, keywordEnd + 3);
        int translatedEnd = Array.IndexOf(data, (byte)0, languageEnd + 1);
        return (Encoding.Latin1.GetString(data, 0, keywordEnd), Encoding.UTF8.GetString(data, translatedEnd + 1, data.Length - translatedEnd - 1));
    }

    private static string? Problem(byte[] png, bool verify)
    {
        try
        {
            PngReader.Read(new MemoryStream(png), verify);
            return null;
        }
        catch (InvalidDataException error)
        {
            return error.Message;
        }
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Final(string name) => Path.Combine(directory, name);

    private string NewTemp(string fileName) => Path.Combine(directory, $".{fileName}.{++temps}.partial");
}
