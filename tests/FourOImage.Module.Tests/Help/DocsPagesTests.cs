using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FourOImage.HelpGen;
using Xunit;
using static FourOImage.Module.Tests.Help.MamlXml;

namespace FourOImage.Module.Tests.Help;

/// <summary>The repository's own docs/ generate valid, complete help.</summary>
public sealed class DocsPagesTests
{
    private static readonly string[] ServiceCodes = { "400", "401", "402", "404", "422", "429", "451", "455", "500", "505", "550" };

    [Fact]
    public void The_docs_generate_well_formed_maml_with_synopsis_syntax_parameters_and_examples_for_each_command()
    {
        using var folder = new TempFolder();

        var (written, errors) = HelpGenerator.Generate(DocsFolder.Path, folder.Path);

        Assert.Empty(errors);
        var document = XDocument.Load(Path.Combine(folder.Path, "FourOImage.dll-Help.xml"));
        var commands = Commands(document).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, command =>
        {
            var name = Name(command);
            Assert.False(string.IsNullOrWhiteSpace(Synopsis(command)), $"{name}: synopsis");
            Assert.NotEmpty(command.Element(Command("syntax"))!.Elements(Command("syntaxItem")));
            var parameters = command.Element(Command("parameters"))!.Elements(Command("parameter")).ToList();
            Assert.NotEmpty(parameters);
            Assert.All(parameters, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Element(Dev("type"))?.Element(Maml("name"))?.Value), $"{name}: a parameter without a type");
                Assert.False(string.IsNullOrWhiteSpace(string.Concat(Paras(p.Element(Maml("description"))))), $"{name} -{p.Element(Maml("name"))!.Value}: no description");
            });
            var examples = command.Element(Command("examples"))!.Elements(Command("example")).ToList();
            Assert.True(examples.Count >= 3, $"{name}: {examples.Count} examples, at least 3 wanted");
            Assert.Contains(examples, e => e.Element(Dev("code"))!.Value.Contains("Import-Csv"));
            Assert.NotEmpty(command.Element(Command("inputTypes"))!.Elements(Command("inputType")));
            Assert.NotEmpty(command.Element(Command("returnValues"))!.Elements(Command("returnValue")));
            Assert.False(string.IsNullOrWhiteSpace(string.Concat(Paras(command.Element(Maml("alertSet"))!.Element(Maml("alert"))))), $"{name}: notes");
        });
    }

    [Fact]
    public void Every_cmdlet_the_manifest_exports_has_a_page()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "FourOImage.psd1"));
        var exportList = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        var exported = Regex.Matches(exportList, @"'([^']+)'").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(exported);
        Assert.Equal(
            exported.OrderBy(n => n),
            HelpGenerator.FindCommandPages(DocsFolder.Path).Select(Path.GetFileNameWithoutExtension).OrderBy(n => n));
    }

    [Fact]
    public void The_about_topic_fits_80_columns_and_covers_keys_runbooks_and_every_service_code()
    {
        var text = AboutText();

        Assert.StartsWith("TOPIC\n    about_FourOImage\n", text);
        Assert.Contains("\nSHORT DESCRIPTION\n", text);
        Assert.Contains("\nLONG DESCRIPTION\n", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains("Get-Secret", text);
        Assert.Contains("Azure Automation", text);
        Assert.Contains("FOUROIMAGE_API_KEY", text);
        Assert.All(ServiceCodes, code => Assert.Matches($@"\n    {code}\s", text));
    }

    [Fact]
    public void The_readme_and_the_about_topic_name_every_configuration_variable()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var about = AboutText();
        var variables = new[]
        {
            FourOImage.Core.ClientConfiguration.ApiKeyVariable,
            FourOImage.Core.ClientConfiguration.BaseUrlVariable,
            FourOImage.Core.ClientConfiguration.UploadBaseUrlVariable,
        };

        Assert.All(variables, v => Assert.Contains(v, readme));
        Assert.All(variables, v => Assert.Contains(v, about));
        Assert.All(ServiceCodes, code => Assert.Matches($@"\n\| {code} \|", readme));
    }

    private static string AboutText()
    {
        var file = Path.Combine(DocsFolder.Path, "about_FourOImage.md");
        return FourOImage.HelpGen.About.AboutTextWriter.Render(file, File.ReadAllText(file));
    }
}
