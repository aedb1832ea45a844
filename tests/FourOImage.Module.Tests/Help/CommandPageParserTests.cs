using System.Linq;
using FourOImage.HelpGen;
using FourOImage.HelpGen.Markdown;
using FourOImage.HelpGen.Model;
using Xunit;

namespace FourOImage.Module.Tests.Help;

public sealed class CommandPageParserTests
{
    private static CommandHelp Parse() => CommandPageParser.Parse(SamplePages.CommandFile, SamplePages.Command);

    private static string MamlOf(CommandHelp help) => FourOImage.HelpGen.Maml.MamlWriter.ToDocument(new[] { help }).ToString();

    [Fact]
    public void Reads_front_matter_title_synopsis_and_description()
    {
        var help = Parse();

        Assert.Equal("Get-Thing", help.Name);
        Assert.Equal("Get", help.Verb);
        Assert.Equal("Thing", help.Noun);
        Assert.Equal("Sample.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("Sample", help.ModuleName);
        Assert.Equal(new[] { "Gets things from the store." }, help.Synopsis);
        Assert.Equal(
            new[]
            {
                "The Get-Thing cmdlet gets things. See the guide (https://example.test/guide) and Set-Thing.",
                "- first point",
                "- second point",
            },
            help.Description);
    }

    [Fact]
    public void Reads_each_syntax_block_with_its_set_and_parameter_names_in_order()
    {
        var help = Parse();

        Assert.Collection(
            help.Syntax,
            byName =>
            {
                Assert.Equal("ByName", byName.ParameterSet);
                Assert.True(byName.IsDefault);
                Assert.Equal(new[] { "Name", "Size", "Force" }, byName.ParameterNames);
            },
            byId =>
            {
                Assert.Equal("ById", byId.ParameterSet);
                Assert.False(byId.IsDefault);
                Assert.Equal(new[] { "Id", "Force" }, byId.ParameterNames);
            });
    }

    [Fact]
    public void Reads_parameters_with_their_metadata_and_skips_common_parameters()
    {
        var help = Parse();

        Assert.Equal(new[] { "Name", "Size", "Id", "Force" }, help.Parameters.Select(p => p.Name));
        var name = help.Parameters[0].Primary;
        Assert.Equal("String", name.Type);
        Assert.Equal(new[] { "ByName" }, name.ParameterSets);
        Assert.Equal(new[] { "ThingName", "n" }, name.Aliases);
        Assert.True(name.Required);
        Assert.Equal("0", name.Position);
        Assert.True(name.ByValue);
        Assert.True(name.ByPropertyName);
        Assert.Equal(new[] { "The name of the thing." }, help.Parameters[0].Description);

        var size = help.Parameters[1].Primary;
        Assert.Equal(new[] { "1:1", "3:2", "2:3" }, size.AcceptedValues);
        Assert.Equal("1:1", size.DefaultValue);
        Assert.True(size.IsNamed);
        Assert.False(size.ByValue);

        var force = help.Parameters[3].Primary;
        Assert.True(force.IsSwitch);
        Assert.Empty(force.Aliases);
        Assert.True(force.AppliesTo("ById"));
        Assert.True(force.AppliesTo("ByName"));
        Assert.False(help.Parameters[2].Primary.AppliesTo("ByName"));
    }

    [Fact]
    public void Reads_examples_inputs_outputs_notes_and_links()
    {
        var help = Parse();

        Assert.Equal(2, help.Examples.Count);
        Assert.Equal("Example 2: From a CSV file", help.Examples[1].Title);
        Assert.Equal("Import-Csv things.csv | Get-Thing", help.Examples[1].Code);
        Assert.Equal(new[] { "Each row's Name column binds to -Name." }, help.Examples[1].Remarks);
        Assert.Equal("System.String", Assert.Single(help.Inputs).TypeName);
        Assert.Equal(new[] { "One per thing." }, Assert.Single(help.Outputs).Description);
        Assert.Equal(new[] { "Things are cached for a minute." }, help.Notes);
        Assert.Equal(
            new[] { new RelatedLink("Set-Thing", string.Empty), new RelatedLink("Online", "https://example.test/get-thing") },
            help.RelatedLinks);
    }

    [Fact]
    public void A_page_with_windows_line_endings_reads_the_same()
    {
        var windows = CommandPageParser.Parse(SamplePages.CommandFile, SamplePages.Command.Replace("\n", "\r\n"));

        Assert.Equal(MamlOf(Parse()), MamlOf(windows));
    }

    [Fact]
    public void A_parameter_without_a_yaml_block_is_an_error_naming_file_and_parameter()
    {
        var page = SamplePages.Command.Replace("```yaml\nType: String\nParameter Sets: ById", "```\nType: String\nParameter Sets: ById");

        var error = Assert.Throws<DocsException>(() => CommandPageParser.Parse("Get-Thing.md", page));

        Assert.Contains("Get-Thing.md", error.Message);
        Assert.Contains("-Id", error.Message);
    }

    [Fact]
    public void An_unknown_metadata_key_is_an_error_with_its_line()
    {
        var page = SamplePages.Command.Replace("Position: 0", "Positoin: 0");

        var error = Assert.Throws<DocsException>(() => CommandPageParser.Parse("Get-Thing.md", page));

        Assert.Contains("Positoin: 0", error.Message);
        Assert.Equal(page.Split('\n').ToList().FindIndex(l => l.StartsWith("Positoin")) + 1, error.Line);
    }

    [Fact]
    public void A_page_that_is_not_schema_2_is_rejected()
    {
        var page = SamplePages.Command.Replace("schema: 2.0.0", "schema: 3.0.0");

        var error = Assert.Throws<DocsException>(() => CommandPageParser.Parse("Get-Thing.md", page));

        Assert.Contains("schema: 2.0.0", error.Message);
    }
}
