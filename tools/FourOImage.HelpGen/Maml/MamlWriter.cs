using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using FourOImage.HelpGen.Model;
using static FourOImage.HelpGen.Maml.MamlNames;

namespace FourOImage.HelpGen.Maml;

/// <summary>
/// Writes cmdlet help as MAML (the *.dll-Help.xml Get-Help reads), element for element in the shape platyPS 0.14
/// produces: details, description, syntax (one syntaxItem per parameter set), parameters, inputTypes,
/// returnValues, alertSet (notes), examples, relatedLinks.
/// </summary>
public static class MamlWriter
{
    private const string ExampleTitleRule = "--------------------------";

    public static XDocument ToDocument(IEnumerable<CommandHelp> commands)
    {
        var root = new XElement(MshNs + "helpItems", new XAttribute("schema", "maml"));
        foreach (var command in commands.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            root.Add(Command(command));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>UTF-8 without BOM, \n line ends, two-space indent: the same bytes on every machine.</summary>
    public static void Save(XDocument document, string path)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = File.Create(path);
        using var writer = XmlWriter.Create(stream, settings);
        document.Save(writer);
    }

    private static XElement Command(CommandHelp help) =>
        new(CommandNs + "command",
            new XAttribute(XNamespace.Xmlns + "maml", MamlNs),
            new XAttribute(XNamespace.Xmlns + "command", CommandNs),
            new XAttribute(XNamespace.Xmlns + "dev", DevNs),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelpNs),
            new XElement(CommandNs + "details",
                new XElement(CommandNs + "name", help.Name),
                new XElement(CommandNs + "verb", help.Verb),
                new XElement(CommandNs + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(CommandNs + "syntax", help.Syntax.Select(s => SyntaxItem(help, s))),
            new XElement(CommandNs + "parameters",
                help.Parameters.Select(p => Parameter(p, p.Primary, inSyntax: false))),
            new XElement(CommandNs + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
            new XElement(CommandNs + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
            new XElement(MamlNs + "alertSet", new XElement(MamlNs + "alert", Paras(help.Notes))),
            new XElement(CommandNs + "examples", help.Examples.Select(Example)),
            new XElement(MamlNs + "relatedLinks", help.RelatedLinks.Select(Link)));

    private static XElement SyntaxItem(CommandHelp help, SyntaxBlock block)
    {
        var item = new XElement(CommandNs + "syntaxItem", new XElement(MamlNs + "name", help.Name));
        foreach (var name in block.ParameterNames)
        {
            var parameter = help.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            var usage = parameter?.UsageIn(block.ParameterSet);
            if (parameter is not null && usage is not null)
            {
                item.Add(Parameter(parameter, usage, inSyntax: true));
            }
        }

        return item;
    }

    private static XElement Parameter(ParameterHelp parameter, ParameterUsage usage, bool inSyntax)
    {
        var element = new XElement(CommandNs + "parameter",
            new XAttribute("required", Lower(usage.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(usage.AcceptsWildcards)),
            new XAttribute("pipelineInput", usage.PipelineInput),
            new XAttribute("position", usage.IsNamed ? "named" : usage.Position),
            new XAttribute("aliases", usage.Aliases.Count == 0 ? "none" : string.Join(", ", usage.Aliases)),
            new XElement(MamlNs + "name", parameter.Name),
            Description(parameter.Description));

        if (inSyntax && usage.AcceptedValues.Count > 0)
        {
            element.Add(new XElement(CommandNs + "parameterValueGroup",
                usage.AcceptedValues.Select(v => ParameterValue(v, required: false))));
        }
        else if (!inSyntax || !usage.IsSwitch)
        {
            // Get-Help prints a switch in a syntax line without a value; platyPS leaves the value out there too.
            element.Add(ParameterValue(usage.Type, required: !usage.IsSwitch));
        }

        element.Add(
            new XElement(DevNs + "type", new XElement(MamlNs + "name", usage.Type), new XElement(MamlNs + "uri")),
            new XElement(DevNs + "defaultValue", usage.DefaultValue));
        return element;
    }

    private static XElement ParameterValue(string value, bool required) =>
        new(CommandNs + "parameterValue",
            new XAttribute("required", Lower(required)),
            new XAttribute("variableLength", "false"),
            value);

    private static XElement TypeEntry(string elementName, TypeHelp type) =>
        new(CommandNs + elementName,
            new XElement(DevNs + "type", new XElement(MamlNs + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example) =>
        new(CommandNs + "example",
            new XElement(MamlNs + "title", $"{ExampleTitleRule} {example.Title} {ExampleTitleRule}"),
            new XElement(DevNs + "code", example.Code),
            new XElement(DevNs + "remarks", Paras(example.Remarks)));

    private static XElement Link(RelatedLink link) =>
        new(MamlNs + "navigationLink",
            new XElement(MamlNs + "linkText", link.Text),
            new XElement(MamlNs + "uri", link.Uri));

    private static XElement Description(IReadOnlyList<string> paragraphs) =>
        new(MamlNs + "description", Paras(paragraphs));

    /// <summary>At least one maml:para, even an empty one, as platyPS writes for an empty section.</summary>
    private static IEnumerable<XElement> Paras(IReadOnlyList<string> paragraphs) =>
        paragraphs.Count == 0
            ? new[] { new XElement(MamlNs + "para", string.Empty) }
            : paragraphs.Select(p => new XElement(MamlNs + "para", p));

    private static string Lower(bool value) => value ? "true" : "false";
}
