using System;
using System.IO;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Journal;

public sealed class RequestIdentityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fouro-identity-").FullName;
    private readonly FileDigests digests = new();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_same_request_written_differently_has_the_same_identity()
    {
        // "Café" with a precomposed é (NFC) and with e + combining accent (NFD); CR LF against LF; spaces around.
        string a = Of(new GenerateInput { Prompt = "Caf\u00e9 at dawn\r\nwatercolor", Size = "1:1", Variants = 1 });
        string b = Of(new GenerateInput { Prompt = "  Cafe\u0301 at dawn\nwatercolor \n", Size = " 1:1" });
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    [Fact]
    public void A_prompt_read_in_another_encoding_keeps_its_shape_but_not_its_identity()
    {
        var original = new GenerateInput { Prompt = "Caf\u00e9 \u2014 at dawn", Size = "3:2", Variants = 2 };
        var garbled = new GenerateInput { Prompt = System.Text.Encoding.GetEncoding(1252).GetString(System.Text.Encoding.UTF8.GetBytes(original.Prompt!)), Size = "3:2", Variants = 2 };
        var otherSize = new GenerateInput { Prompt = garbled.Prompt, Size = "1:1", Variants = 2 };

        Assert.NotEqual(Of(original), Of(garbled));
        Assert.Equal(ShapeOf(original), ShapeOf(garbled));
        Assert.NotEqual(ShapeOf(original), ShapeOf(otherSize));
        Assert.NotEqual(Of(original), ShapeOf(original));
    }

    [Theory]
    [InlineData("Size")]
    [InlineData("Variants")]
    [InlineData("Enhance")]
    [InlineData("Fallback")]
    [InlineData("FallbackModel")]
    [InlineData("Callback")]
    [InlineData("ImageUrl")]
    [InlineData("Mask")]
    [InlineData("Prompt")]
    public void Every_field_that_changes_the_images_changes_the_identity(string field)
    {
        var baseline = new GenerateInput { Prompt = "a red fox", ImageUrl = new[] { "https://example.com/a.png" } };
        var changed = new GenerateInput { Prompt = "a red fox", ImageUrl = new[] { "https://example.com/a.png" } };
        switch (field)
        {
            case "Size": changed.Size = "3:2"; break;
            case "Variants": changed.Variants = 2; break;
            case "Enhance": changed.Enhance = true; break;
            case "Fallback": changed.EnableFallback = true; break;
            case "FallbackModel": baseline.EnableFallback = changed.EnableFallback = true; changed.FallbackModel = "FLUX_MAX"; break;
            case "Callback": changed.CallbackUrl = "https://example.com/hook"; break;
            case "ImageUrl": changed.ImageUrl = new[] { "https://example.com/b.png" }; break;
            case "Mask": changed.MaskUrl = "https://example.com/mask.png"; break;
            default: changed.Prompt = "a red fox, at night"; break;
        }

        Assert.NotEqual(Of(baseline), Of(changed));
    }

    [Fact]
    public void A_local_file_counts_by_its_content_not_by_its_name_or_time()
    {
        string first = Path.Combine(folder, "photo.png");
        string copy = Path.Combine(folder, "copy of photo.png");
        File.WriteAllBytes(first, new byte[] { 1, 2, 3 });
        File.WriteAllBytes(copy, new byte[] { 1, 2, 3 });
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddDays(-3));
        string original = Of(new GenerateInput { Prompt = "sketch", ImagePath = new[] { first } });

        Assert.Equal(original, Of(new GenerateInput { Prompt = "sketch", ImagePath = new[] { copy } }));

        File.WriteAllBytes(copy, new byte[] { 1, 2, 4 });
        Assert.NotEqual(original, Of(new GenerateInput { Prompt = "sketch", ImagePath = new[] { copy } }));
        Assert.NotEqual(original, Of(new GenerateInput { Prompt = "sketch", ImagePath = new[] { Path.Combine(folder, "missing.png") } }));
    }

    [Fact]
    public void Occurrences_count_each_identity_on_its_own_in_input_order()
    {
        var counter = new OccurrenceCounter();
        Assert.Equal(1, counter.Next("a"));
        Assert.Equal(1, counter.Next("b"));
        Assert.Equal(2, counter.Next("a"));
        Assert.Equal(3, counter.Next("a"));
        Assert.Equal(2, counter.Next("b"));
    }

    private string Of(GenerateInput input) => RequestIdentity.Of(input, input.ToRequest(), digests);

    private string ShapeOf(GenerateInput input) => RequestIdentity.ShapeOf(input, input.ToRequest(), digests);
}
