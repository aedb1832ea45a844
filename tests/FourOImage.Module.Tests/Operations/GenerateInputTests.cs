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
    [InlineData("FallbackModel", "-FallbackModel applies only with -EnableFallback")]
    [InlineData("MaskUrl", "-MaskUrl needs exactly one input image (-ImageUrl)")]
    [InlineData("CallbackUrl", "-CallbackUrl 'not a url' is not")]
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
    public void Parameters_are_named_as_the_help_shows_them_never_by_the_services_field_names()
    {
        string Message(GenerateInput input) => Assert.Throws<ArgumentException>(() => input.ToRequest()).Message;

        string empty = Message(new GenerateInput());
        Assert.Contains("-Prompt", empty, StringComparison.Ordinal);
        Assert.Contains("-ImageUrl or -ImagePath", empty, StringComparison.Ordinal);
        Assert.Equal("-Variants must be 1, 2 or 4, not '3'.", Message(new GenerateInput { Prompt = "p", Variants = 3 }));
        Assert.Equal("-ImagePath takes at most 5 images (got 6).", Message(new GenerateInput { Prompt = "p", ImagePath = new string[6] }));
        string twoImages = Message(new GenerateInput { Prompt = "p", ImagePath = new[] { "a", "b" }, MaskPath = "m" });
        Assert.StartsWith("-MaskPath needs exactly one input image (-ImagePath), not 2", twoImages, StringComparison.Ordinal);
        Assert.Contains("the service ignores the mask without saying so", twoImages, StringComparison.Ordinal);
        Assert.Equal("-ImageUrl 'ftp://x/a.png' is not an absolute http or https URL.", Message(new GenerateInput { ImageUrl = new[] { "ftp://x/a.png" } }));
        foreach (string internalName in new[] { "FilesUrl", "filesUrl", "nVariants", "(Parameter" })
        {
            Assert.DoesNotContain(internalName, empty + Message(new GenerateInput { ImageUrl = new string[6] }), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void What_binding_could_not_read_is_the_error_and_nothing_is_sent()
    {
        var input = new GenerateInput { Prompt = "p" };
        input.BindingProblems.Add("-Variants must be 1, 2 or 4, not 'two'.");
        Assert.Equal("-Variants must be 1, 2 or 4, not 'two'.", Assert.Throws<ArgumentException>(() => input.ToRequest()).Message);
    }

    [Fact]
    public void The_confirmation_target_names_prompt_size_variants_and_images()
    {
        var input = new GenerateInput { Prompt = "a very long prompt " + new string('x', 100), Size = "2:3", Variants = 4, ImageUrl = new[] { "https://example.com/a.png" } };
        string target = input.Describe();
        Assert.StartsWith("'a very long prompt", target, StringComparison.Ordinal);
        Assert.Contains("\u2026'", target, StringComparison.Ordinal);
        Assert.EndsWith("size 2:3, 4 variant(s), 1 input image(s)", target, StringComparison.Ordinal);
        Assert.Equal(target, input.ToString());
    }
}
