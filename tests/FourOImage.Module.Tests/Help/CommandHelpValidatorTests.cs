using FourOImage.HelpGen;
using FourOImage.HelpGen.Markdown;
using Xunit;

namespace FourOImage.Module.Tests.Help;

public sealed class CommandHelpValidatorTests
{
    private static System.Collections.Generic.List<string> Validate(string page) =>
        CommandHelpValidator.Validate(CommandPageParser.Parse(SamplePages.CommandFile, page));

    [Fact]
    public void The_sample_page_is_valid()
    {
        Assert.Empty(Validate(SamplePages.Command));
    }

    [Fact]
    public void A_syntax_line_naming_an_undocumented_parameter_is_reported()
    {
        var errors = Validate(SamplePages.Command.Replace("[-Force] [<CommonParameters>]\n```\n\n### ById", "[-Force] [-Missing] [<CommonParameters>]\n```\n\n### ById"));

        Assert.Contains(errors, e => e.Contains("-Missing") && e.Contains("ByName"));
    }

    [Fact]
    public void A_syntax_line_naming_a_parameter_of_another_set_is_reported()
    {
        var errors = Validate(SamplePages.Command.Replace("Get-Thing -Id <String> [-Force]", "Get-Thing -Id <String> [-Size <String>] [-Force]"));

        Assert.Contains(errors, e => e.Contains("-Size") && e.Contains("ById"));
    }

    [Fact]
    public void A_documented_parameter_missing_from_every_syntax_line_is_reported()
    {
        var errors = Validate(SamplePages.Command.Replace("Get-Thing -Id <String> [-Force]", "Get-Thing [-Force]"));

        Assert.Contains(errors, e => e.Contains("-Id appears in no syntax line"));
    }

    [Fact]
    public void Missing_sections_are_reported_by_name()
    {
        var page = SamplePages.Command
            .Replace("## SYNOPSIS\nGets things\nfrom the store.\n", "## SYNOPSIS\n")
            .Replace("## EXAMPLES", "## EXAMPLES_GONE");

        var errors = Validate(page);

        Assert.Contains(errors, e => e.Contains("## SYNOPSIS"));
        Assert.Contains(errors, e => e.Contains("## EXAMPLES"));
    }

    [Fact]
    public void A_title_that_does_not_match_the_file_is_reported()
    {
        var errors = CommandHelpValidator.Validate(CommandPageParser.Parse("Set-Thing.md", SamplePages.Command));

        Assert.Contains(errors, e => e.Contains("does not match the file name"));
    }
}
