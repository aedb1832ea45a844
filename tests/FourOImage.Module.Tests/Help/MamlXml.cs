using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using FourOImage.HelpGen.Maml;

namespace FourOImage.Module.Tests.Help;

/// <summary>Reading helpers over generated MAML, by the same namespaced names Get-Help's files use.</summary>
internal static class MamlXml
{
    public static XName Command(string local) => MamlNames.CommandNs + local;

    public static XName Maml(string local) => MamlNames.MamlNs + local;

    public static XName Dev(string local) => MamlNames.DevNs + local;

    public static IEnumerable<XElement> Commands(XDocument document) => document.Root!.Elements(Command("command"));

    public static string Name(XElement command) => command.Element(Command("details"))!.Element(Command("name"))!.Value;

    public static IEnumerable<string> Paras(XElement? parent) =>
        parent?.Elements(Maml("para")).Select(p => p.Value) ?? Enumerable.Empty<string>();

    public static string Synopsis(XElement command) =>
        string.Join(" ", Paras(command.Element(Command("details"))!.Element(Maml("description"))));
}
