using System;
using FourOImage.Core;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>One New-4oImage record turned into a request: blanks are "not given", errors name the cmdlet parameter.</summary>
public sealed class GenerateInputTests
{
    [Fact]
    public void Blank_fields_are_not_given_and_take_the_service_defaults()
    {
        var input = new GenerateInput
        {
            Prompt = "  a cat  ",
            Size = "",
            ImageUrl = new[] { " " },
            MaskUrl = " ",
            FallbackModel = "",
            CallbackUrl = "\t",
        };

        GenerateRequest request = input.ToRequest();

        Assert.Equal("a cat", request.Prompt);
        Assert.Equal("1:1", request.Size);
        Assert.Equal(1, request.Variants);
        Assert.Empty(request.FilesUrl);
        Assert.Null(request.MaskUrl);
        Assert.Null(request.FallbackModel);
        Assert.Null(request.CallbackUrl);
    }

    [Theory]
    [InlineData("FallbackModel", "-FallbackModel:")]
    [InlineData("MaskUrl", "-MaskUrl:")]
    [InlineData("CallbackUrl", "-CallbackUrl:")]
    public void A_rule_the_request_breaks_is_reported_with_the_cmdlet_parameter(string field, string prefix)
    {
        var input = new GenerateInput { Prompt = "p" };
        switch (field)
        {
            case "FallbackModel": input.FallbackModel = "FLUX_MAX"; break; // without -EnableFallback
            case "MaskUrl": input.MaskUrl = "https://example.com/mask.png"; break; // without an image
            default: input.CallbackUrl = "not a url"; break;
        }

        var error = Assert.Throws<ArgumentException>(() => input.ToRequest());
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_confirmation_target_names_prompt_size_variants_and_images()
    {
        var input = new GenerateInput { Prompt = "a very long prompt " + new string('x', 100), Size = "2:3", Variants = 4, ImageUrl = new[] { "https://example.com/a.png" } };
        string target = input.Describe();
        Assert.StartsWith("'a very long prompt", target, StringComparison.Ordinal);
        Assert.Contains("...'", target, StringComparison.Ordinal);
        Assert.EndsWith("size 2:3, 4 variant(s), 1 input image(s)", target, StringComparison.Ordinal);
        Assert.Equal(target, input.ToString());
    }
}
