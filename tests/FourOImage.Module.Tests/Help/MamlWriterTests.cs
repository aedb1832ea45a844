using System.IO;
using System.Linq;
using System.Xml.Linq;
using FourOImage.HelpGen;
using Xunit;
using static FourOImage.Module.Tests.Help.MamlXml;

namespace FourOImage.Module.Tests.Help;

public sealed class MamlWriterTests
{
    private static XElement GenerateSample(TempFolder folder)
    {
        var docs = Directory.CreateDirectory(Path.Combine(folder.Path, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, SamplePages.CommandFile), SamplePages.Command);
        File.WriteAllText(Path.Combine(docs, "guide.md"), "# Not help\n");
        var output = Path.Combine(folder.Path, "en-US");

        var (written, errors) = HelpGenerator.Generate(docs, output);

        Assert.Empty(errors);
        Assert.Equal(new[] { Path.Combine(output, "Sample.dll-Help.xml") }, written);
        var document = XDocument.Load(written[0]);
        Assert.Equal("helpItems", document.Root!.Name.LocalName);
        Assert.Equal("http://msh", document.Root.Name.NamespaceName);
        Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
        return Assert.Single(Commands(document));
    }

    [Fact]
    public void Writes_details_and_description()
    {
        using var folder = new TempFolder();
        var command = GenerateSample(folder);

        var details = command.Element(Command("details"))!;
        Assert.Equal("Get-Thing", details.Element(Command("name"))!.Value);
        Assert.Equal("Get", details.Element(Command("verb"))!.Value);
        Assert.Equal("Thing", details.Element(Command("noun"))!.Value);
        Assert.Equal("Gets things from the store.", Synopsis(command));
        Assert.Equal(3, Paras(command.Element(Maml("description"))).Count());
    }

    [Fact]
    public void Writes_one_syntax_item_per_parameter_set_with_that_sets_parameters_in_syntax_order()
    {
        using var folder = new TempFolder();
        var command = GenerateSample(folder);

        var items = command.Element(Command("syntax"))!.Elements(Command("syntaxItem")).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Get-Thing", i.Element(Maml("name"))!.Value));
        Assert.Equal(new[] { "Name", "Size", "Force" }, items[0].Elements(Command("parameter")).Select(p => p.Element(Maml("name"))!.Value));
        Assert.Equal(new[] { "Id", "Force" }, items[1].Elements(Command("parameter")).Select(p => p.Element(Maml("name"))!.Value));

        var size = items[0].Elements(Command("parameter")).Single(p => p.Element(Maml("name"))!.Value == "Size");
        Assert.Equal(new[] { "1:1", "3:2", "2:3" }, size.Element(Command("parameterValueGroup"))!.Elements(Command("parameterValue")).Select(v => v.Value));
        var force = items[1].Elements(Command("parameter")).Single(p => p.Element(Maml("name"))!.Value == "Force");
        Assert.Null(force.Element(Command("parameterValue")));
    }

    [Fact]
    public void Writes_every_parameter_with_required_position_pipeline_aliases_and_type()
    {
        using var folder = new TempFolder();
        var command = GenerateSample(folder);

        var parameters = command.Element(Command("parameters"))!.Elements(Command("parameter")).ToList();
        Assert.Equal(new[] { "Name", "Size", "Id", "Force" }, parameters.Select(p => p.Element(Maml("name"))!.Value));
        var name = parameters[0];
        Assert.Equal("true", (string?)name.Attribute("required"));
        Assert.Equal("0", (string?)name.Attribute("position"));
        Assert.Equal("True (ByPropertyName, ByValue)", (string?)name.Attribute("pipelineInput"));
        Assert.Equal("ThingName, n", (string?)name.Attribute("aliases"));
        Assert.Equal("false", (string?)name.Attribute("globbing"));
        Assert.Equal("String", name.Element(Command("parameterValue"))!.Value);
        Assert.Equal("String", name.Element(Dev("type"))!.Element(Maml("name"))!.Value);
        Assert.Equal(new[] { "The name of the thing." }, Paras(name.Element(Maml("description"))));

        Assert.Equal("named", (string?)parameters[1].Attribute("position"));
        Assert.Equal("none", (string?)parameters[1].Attribute("aliases"));
        Assert.Equal("1:1", parameters[1].Element(Dev("defaultValue"))!.Value);
        Assert.Equal("SwitchParameter", parameters[3].Element(Command("parameterValue"))!.Value);
    }

    [Fact]
    public void Writes_inputs_outputs_notes_examples_and_links()
    {
        using var folder = new TempFolder();
        var command = GenerateSample(folder);

        Assert.Equal("System.String", command.Element(Command("inputTypes"))!.Element(Command("inputType"))!.Element(Dev("type"))!.Element(Maml("name"))!.Value);
        var output = command.Element(Command("returnValues"))!.Element(Command("returnValue"))!;
        Assert.Equal("Sample.Thing", output.Element(Dev("type"))!.Element(Maml("name"))!.Value);
        Assert.Equal(new[] { "One per thing." }, Paras(output.Element(Maml("description"))));
        Assert.Equal(new[] { "Things are cached for a minute." }, Paras(command.Element(Maml("alertSet"))!.Element(Maml("alert"))));

        var examples = command.Element(Command("examples"))!.Elements(Command("example")).ToList();
        Assert.Equal(2, examples.Count);
        Assert.Equal("-------------------------- Example 1: Get one thing --------------------------", examples[0].Element(Maml("title"))!.Value);
        Assert.Equal("Get-Thing -Name a", examples[0].Element(Dev("code"))!.Value);
        Assert.Equal(new[] { "Gets the thing named a." }, Paras(examples[0].Element(Dev("remarks"))));

        var links = command.Element(Maml("relatedLinks"))!.Elements(Maml("navigationLink")).ToList();
        Assert.Equal(new[] { "Set-Thing", "Online" }, links.Select(l => l.Element(Maml("linkText"))!.Value));
        Assert.Equal(new[] { string.Empty, "https://example.test/get-thing" }, links.Select(l => l.Element(Maml("uri"))!.Value));
    }

    [Fact]
    public void The_same_docs_give_the_same_bytes()
    {
        using var folder = new TempFolder();
        var docs = Directory.CreateDirectory(Path.Combine(folder.Path, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, SamplePages.CommandFile), SamplePages.Command);
        File.WriteAllText(Path.Combine(docs, SamplePages.AboutFile), SamplePages.About);

        HelpGenerator.Generate(docs, Path.Combine(folder.Path, "a"));
        HelpGenerator.Generate(docs, Path.Combine(folder.Path, "b"));

        foreach (var name in new[] { "Sample.dll-Help.xml", "about_Sample.help.txt" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, "a", name)), File.ReadAllBytes(Path.Combine(folder.Path, "b", name)));
        }
    }

    [Fact]
    public void An_invalid_page_writes_nothing_and_names_the_problem()
    {
        using var folder = new TempFolder();
        var docs = Directory.CreateDirectory(Path.Combine(folder.Path, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, SamplePages.CommandFile), SamplePages.Command.Replace("## DESCRIPTION", "## DESCRIPTON"));
        var output = Path.Combine(folder.Path, "en-US");

        var (written, errors) = HelpGenerator.Generate(docs, output);

        Assert.Empty(written);
        Assert.Contains(errors, e => e.Contains("Get-Thing.md") && e.Contains("## DESCRIPTION"));
        Assert.False(Directory.Exists(output));
    }
}
