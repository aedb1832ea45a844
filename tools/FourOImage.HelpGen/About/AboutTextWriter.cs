using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.HelpGen.Markdown;

namespace FourOImage.HelpGen.About;

/// <summary>
/// Turns docs/about_X.md into the about_X.help.txt Get-Help shows, in the classic layout: TOPIC with the topic
/// name, then each ## section as an UPPER CASE heading at the margin with its text indented four spaces, wrapped
/// to 80 columns. ### headings are underlined; code blocks and tables are indented and never wrapped, so a line
/// of them that would pass column 80 is an error for the author to fix.
/// </summary>
public static class AboutTextWriter
{
    public const int Width = 80;
    private const string Indent = "    ";

    public static string Render(string file, string markdown)
    {
        var document = MarkdownDocument.Parse(file, markdown);
        var title = document.Sections.FirstOrDefault(s => s.Level == 1);
        if (title is null || !title.Title.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            throw new DocsException(file, 1, "an about topic starts with '# about_Name'.");
        }

        if (!document.Sections.Any(s => s.Level == 2 && s.Title.Equals("SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase)))
        {
            throw new DocsException(file, 1, "an about topic needs a '## SHORT DESCRIPTION' section.");
        }

        var lines = new List<string> { "TOPIC", Indent + title.Title, string.Empty };
        foreach (var section in document.Sections.Where(s => s != title))
        {
            lines.AddRange(Heading(section));
            var blocks = BlockReader.Read(section);
            for (var i = 0; i < blocks.Count; i++)
            {
                lines.AddRange(Block(file, blocks[i]));
                var nextIsSameList = blocks[i].Kind == BlockKind.ListItem && i + 1 < blocks.Count && blocks[i + 1].Kind == BlockKind.ListItem;
                if (!nextIsSameList)
                {
                    lines.Add(string.Empty);
                }
            }
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> Heading(MarkdownSection section)
    {
        if (section.Level <= 2)
        {
            return new[] { InlineText.ToPlain(section.Title).ToUpperInvariant() };
        }

        var text = InlineText.ToPlain(section.Title);
        return new[] { Indent + text, Indent + new string('-', text.Length), string.Empty };
    }

    private static IEnumerable<string> Block(string file, MarkdownBlock block)
    {
        switch (block.Kind)
        {
            case BlockKind.ListItem:
                var marker = ListMarker.Of(block.Text);
                var item = InlineText.ToPlain(block.Text[marker.Length..]);
                var bullet = marker.Trim() is "*" or "+" ? "- " : marker.Trim() + " ";
                return TextWrapper.Wrap(item, Width, Indent + bullet, Indent + new string(' ', bullet.Length));
            case BlockKind.Code:
                return Verbatim(file, block, block.Text.Split('\n').Select(l => l.Length == 0 ? l : Indent + Indent + l));
            case BlockKind.Table:
                return Verbatim(file, block, TableText.Render(block.Text, Indent));
            default:
                return TextWrapper.Wrap(InlineText.ToPlain(block.Text), Width, Indent, Indent);
        }
    }

    private static List<string> Verbatim(string file, MarkdownBlock block, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        var tooLong = list.FindIndex(l => l.Length > Width);
        if (tooLong >= 0)
        {
            throw new DocsException(file, block.LineNumber, $"this {block.Kind.ToString().ToLowerInvariant()} renders {list[tooLong].Length} columns wide ('{list[tooLong].Trim()}'); about text must fit in {Width}.");
        }

        return list;
    }
}
