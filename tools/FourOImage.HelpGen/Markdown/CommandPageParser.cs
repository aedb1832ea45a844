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

        var page = PageSections.Group(document);

        return new CommandHelp(
            SourceFile: file,
            ExternalHelpFile: FrontMatterValue(document, "external help file"),
            ModuleName: FrontMatterValue(document, "Module Name"),
            Name: title.Title,
            Synopsis: Paragraphs.From(page.Blocks("SYNOPSIS")),
            Syntax: ReadSyntax(file, page),
            Description: Paragraphs.From(page.Blocks("DESCRIPTION")),
            Examples: page.Entries("EXAMPLES").Select(ReadExample).ToList(),
            Parameters: page.Entries("PARAMETERS")
                .Where(s => !s.Title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                .Select(s => ReadParameter(file, s)).ToList(),
            Inputs: page.Entries("INPUTS").Select(ReadType).ToList(),
            Outputs: page.Entries("OUTPUTS").Select(ReadType).ToList(),
            Notes: Paragraphs.From(page.Blocks("NOTES")),
            RelatedLinks: page.Blocks("RELATED LINKS").Select(b => ReadLink(b.Text)).ToList());
    }

    private static string FrontMatterValue(MarkdownDocument document, string key) =>
        document.FrontMatter.TryGetValue(key, out var value) ? value : string.Empty;

    private static List<SyntaxBlock> ReadSyntax(string file, PageSections page)
    {
        var sets = page.Entries("SYNTAX");
        if (sets.Count == 0)
        {
            var code = page.Blocks("SYNTAX").Where(b => b.Kind == BlockKind.Code).ToList();
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
        var usages = blocks.Where(IsYaml).Select(b => ParameterYaml.Parse(file, b)).ToList();
        if (usages.Count == 0)
        {
            throw new DocsException(file, section.LineNumber, $"parameter {section.Title} has no ```yaml block (Type, Parameter Sets, Required, Position, ...).");
        }

        var description = Paragraphs.From(blocks.Where(b => !IsYaml(b)));
        return new ParameterHelp(section.Title[1..], description, usages);
    }

    private static bool IsYaml(MarkdownBlock block) =>
        block.Kind == BlockKind.Code && block.Language.Equals("yaml", StringComparison.OrdinalIgnoreCase);

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
