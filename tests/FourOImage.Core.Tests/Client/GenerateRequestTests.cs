using System;
using System.Collections.Generic;
using System.Text.Json;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Client;

public class GenerateRequestTests
{
    private static GenerateRequest Valid() => new() { Prompt = "a cat" };

    public static IEnumerable<object[]> InvalidRequests()
    {
        yield return new object[] { (Action<GenerateRequest>)(r => r.Size = "16:9"), "Size" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.Size = ""), "Size" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.Prompt = "  "), "Prompt" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.Variants = 3), "Variants" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.Variants = 0), "Variants" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.FilesUrl = Urls(6)), "FilesUrl" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.FilesUrl = new[] { "https://x/a.png", "ftp://x/b.png" }), "FilesUrl" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.FilesUrl = new[] { "a.png" }), "FilesUrl" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.MaskUrl = "https://x/mask.png"), "MaskUrl" };
        yield return new object[] { (Action<GenerateRequest>)(r => { r.FilesUrl = Urls(2); r.MaskUrl = "https://x/mask.png"; }), "MaskUrl" };
        yield return new object[] { (Action<GenerateRequest>)(r => { r.FilesUrl = Urls(1); r.MaskUrl = "mask.png"; }), "MaskUrl" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.FallbackModel = "FLUX_MAX"), "FallbackModel" };
        yield return new object[] { (Action<GenerateRequest>)(r => { r.EnableFallback = true; r.FallbackModel = "DALL_E"; }), "FallbackModel" };
        yield return new object[] { (Action<GenerateRequest>)(r => r.CallbackUrl = "not a url"), "CallbackUrl" };
    }

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Validate_names_the_field(Action<GenerateRequest> breakIt, string field)
    {
        var request = Valid();
        breakIt(request);

        var error = Assert.Throws<ArgumentException>(request.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Images_without_prompt_and_every_option_in_range_are_valid()
    {
        var request = new GenerateRequest
        {
            FilesUrl = Urls(1),
            MaskUrl = "https://x/mask.png",
            Size = "2:3",
            Variants = 4,
            EnableFallback = true,
            FallbackModel = "gpt_image_1",
            CallbackUrl = "http://127.0.0.1:9/hook",
        };

        request.Validate();
        Urls(5).ForEach(u => Assert.True(UrlSetting.IsHttpUrl(u)));
    }

    [Fact]
    public void Body_uses_the_service_field_names_and_omits_nulls()
    {
        var request = new GenerateRequest
        {
            Prompt = "Café 東京 🌸",
            Size = "3:2",
            FilesUrl = Urls(1),
            MaskUrl = "https://x/mask.png",
            Variants = 2,
            Enhance = true,
            UploadCn = true,
            EnableFallback = true,
            FallbackModel = "flux_max",
            CallbackUrl = "https://hook.example/cb",
        };

        var json = JsonSerializer.Serialize(request.ToBody(), CoreJsonContext.Default.GenerateBody);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("Café 東京 🌸", root.GetProperty("prompt").GetString());
        Assert.Equal("3:2", root.GetProperty("size").GetString());
        Assert.Equal("https://x/0.png", root.GetProperty("filesUrl")[0].GetString());
        Assert.Equal("https://x/mask.png", root.GetProperty("maskUrl").GetString());
        Assert.Equal(2, root.GetProperty("nVariants").GetInt32());
        Assert.True(root.GetProperty("isEnhance").GetBoolean());
        Assert.True(root.GetProperty("uploadCn").GetBoolean());
        Assert.True(root.GetProperty("enableFallback").GetBoolean());
        Assert.Equal("FLUX_MAX", root.GetProperty("fallbackModel").GetString());
        Assert.Equal("https://hook.example/cb", root.GetProperty("callBackUrl").GetString());

        var minimal = JsonSerializer.Serialize(Valid().ToBody(), CoreJsonContext.Default.GenerateBody);
        Assert.DoesNotContain("null", minimal);
        Assert.DoesNotContain("filesUrl", minimal);
        Assert.DoesNotContain("callBackUrl", minimal);
        Assert.DoesNotContain("fallbackModel", minimal);
    }

    private static List<string> Urls(int count)
    {
        var urls = new List<string>();
        for (var i = 0; i < count; i++)
        {
            urls.Add($"https://x/{i}.png");
        }

        return urls;
    }
}
