using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using FourOImage.HelpGen.Model;

namespace FourOImage.HelpGen.Markdown;

/// <summary>
/// Reads a cmdlet page in the platyPS layout (schema 2.0.0): front matter, # Verb-Noun, then ## SYNOPSIS, SYNTAX,
/// DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS, with ### entries under the
/// sections that list things.
/// </summary>
public static partial class CommandPageParser
{
    public static CommandHelp Parse(string file, string markdown)
    {
        var document = MarkdownDocument.Parse(file, markdown);
        var title = document.Sections.FirstOrDefault(s => s.Level == 1)
            ?? throw new DocsException(file, 1, "the page has no '# Verb-Noun' title.");
        var schema = FrontMatterValue(document, "schema");
        if (schema != "2.0.0")
        {
            throw new DocsException(file, 1, $"the front matter must say 'schema: 2.0.0' (the platyPS cmdlet page layout), not '{schema}'.");
        }

        var groups = GroupByLevel2(file, document.Sections);

        return new CommandHelp(
            SourceFile: file,
            ExternalHelpFile: FrontMatterValue(document, "external help file"),
            ModuleName: FrontMatterValue(document, "Module Name"),
            Name: title.Title,
            Synopsis: Paragraphs.From(BlocksOf(groups, "SYNOPSIS")),
            Syntax: ReadSyntax(file, groups),
            Description: Paragraphs.From(BlocksOf(groups, "DESCRIPTION")),
            Examples: Entries(groups, "EXAMPLES").Select(ReadExample).ToList(),
            Parameters: Entries(groups, "PARAMETERS")
                .Where(s => !s.Title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                .Select(s => ReadParameter(file, s)).ToList(),
            Inputs: Entries(groups, "INPUTS").Select(ReadType).ToList(),
            Outputs: Entries(groups, "OUTPUTS").Select(ReadType).ToList(),
            Notes: Paragraphs.From(BlocksOf(groups, "NOTES")),
            RelatedLinks: BlocksOf(groups, "RELATED LINKS").Select(b => ReadLink(b.Text)).ToList());
    }

    private static string FrontMatterValue(MarkdownDocument document, string key) =>
        document.FrontMatter.TryGetValue(key, out var value) ? value : string.Empty;

    /// <summary>Each ## section with the ### sections below it; a ## section may appear only once.</summary>
    private static Dictionary<string, (MarkdownSection Head, List<MarkdownSection> Entries)> GroupByLevel2(
        string file, IReadOnlyList<MarkdownSection> sections)
    {
        var groups = new Dictionary<string, (MarkdownSection, List<MarkdownSection>)>(StringComparer.OrdinalIgnoreCase);
        List<MarkdownSection>? current = null;
        foreach (var section in sections)
        {
            if (section.Level == 2)
            {
                if (groups.ContainsKey(section.Title))
                {
                    throw new DocsException(file, section.LineNumber, $"'## {section.Title}' appears twice.");
                }

                current = new List<MarkdownSection>();
                groups[section.Title] = (section, current);
            }
            else if (section.Level >= 3)
            {
                if (current is null)
                {
                    throw new DocsException(file, section.LineNumber, $"'{section.Title}' is not under a ## section.");
                }

                current.Add(section);
            }
        }

        return groups;
    }

    private static List<MarkdownBlock> BlocksOf(
        Dictionary<string, (MarkdownSection Head, List<MarkdownSection> Entries)> groups, string name) =>
        groups.TryGetValue(name, out var group) ? BlockReader.Read(group.Head) : new List<MarkdownBlock>();

    private static List<MarkdownSection> Entries(
        Dictionary<string, (MarkdownSection Head, List<MarkdownSection> Entries)> groups, string name) =>
        groups.TryGetValue(name, out var group) ? group.Entries : new List<MarkdownSection>();

    private static List<SyntaxBlock> ReadSyntax(
        string file, Dictionary<string, (MarkdownSection Head, List<MarkdownSection> Entries)> groups)
    {
        var sets = Entries(groups, "SYNTAX");
        if (sets.Count == 0)
        {
            var code = BlocksOf(groups, "SYNTAX").Where(b => b.Kind == BlockKind.Code).ToList();
            return code.Count == 1
                ? new List<SyntaxBlock> { NewSyntax(SyntaxBlock.AllParameterSets, false, code[0].Text) }
                : new List<SyntaxBlock>();
        }

        return sets.Select(set =>
        {
            var code = BlockReader.Read(set).FirstOrDefault(b => b.Kind == BlockKind.Code)
                ?? throw new DocsException(file, set.LineNumber, $"the syntax of parameter set '{set.Title}' has no ``` block.");
            var isDefault = set.Title.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase);
            var name = isDefault ? set.Title[..^"(Default)".Length].Trim() : set.Title;
            return NewSyntax(name, isDefault, code.Text);
        }).ToList();
    }

    private static SyntaxBlock NewSyntax(string set, bool isDefault, string text)
    {
        var line = string.Join(" ", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        var names = SyntaxParameter().Matches(line).Select(m => m.Groups["name"].Value).Distinct().ToList();
        return new SyntaxBlock(set, isDefault, line, names);
    }

    private static ExampleHelp ReadExample(MarkdownSection section)
    {
        var blocks = BlockReader.Read(section);
        var code = string.Join("\n\n", blocks.Where(b => b.Kind == BlockKind.Code).Select(b => b.Text));
        var remarks = Paragraphs.From(blocks.Where(b => b.Kind != BlockKind.Code));
        return new ExampleHelp(section.Title, code, remarks);
    }

    private static ParameterHelp ReadParameter(string file, MarkdownSection section)
    {
        if (!section.Title.StartsWith('-'))
        {
            throw new DocsException(file, section.LineNumber, $"parameter headings look like '### -Name', not '### {section.Title}'.");
        }

        var blocks = BlockReader.Read(section);
        var usages = blocks
            .Where(b => b.Kind == BlockKind.Code && b.Language.Equals("yaml", StringComparison.OrdinalIgnoreCase))
            .Select(b => ParameterYaml.Parse(file, b)).ToList();
        if (usages.Count == 0)
        {
            throw new DocsException(file, section.LineNumber, $"parameter {section.Title} has no ```yaml block (Type, Parameter Sets, Required, Position, ...).");
        }

        var description = Paragraphs.From(blocks.Where(b => !(b.Kind == BlockKind.Code && b.Language.Equals("yaml", StringComparison.OrdinalIgnoreCase))));
        return new ParameterHelp(section.Title[1..], description, usages);
    }

    private static TypeHelp ReadType(MarkdownSection section) =>
        new(InlineText.ToPlain(section.Title), Paragraphs.From(BlockReader.Read(section)));

    private static RelatedLink ReadLink(string line)
    {
        var text = line.Trim()[ListMarker.Of(line.Trim()).Length..];
        return InlineText.WholeLink(text) is var (label, url)
            ? new RelatedLink(label, InlineText.IsWebLink(url) ? url : string.Empty)
            : new RelatedLink(InlineText.ToPlain(text), string.Empty);
    }

    /// <summary>"-Name" in a syntax line; the lookbehind skips the dash inside "Verb-Noun".</summary>
    [GeneratedRegex(@"(?<![\w-])-(?<name>[A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex SyntaxParameter();
}
