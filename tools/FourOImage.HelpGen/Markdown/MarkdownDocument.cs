using System;
using System.Collections.Generic;

namespace FourOImage.HelpGen.Markdown;

/// <summary>
/// A markdown file split into its optional front matter (--- key: value ---) and a flat list of sections, one per
/// ATX heading (# to ######). Headings inside fenced code blocks are text, not headings.
/// </summary>
public sealed class MarkdownDocument
{
    private MarkdownDocument(string file, IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<MarkdownSection> sections)
    {
        File = file;
        FrontMatter = frontMatter;
        Sections = sections;
    }

    public string File { get; }

    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    public IReadOnlyList<MarkdownSection> Sections { get; }

    public static MarkdownDocument Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var index = 0;
        var frontMatter = ReadFrontMatter(file, lines, ref index);
        return new MarkdownDocument(file, frontMatter, ReadSections(lines, index));
    }

    private static Dictionary<string, string> ReadFrontMatter(string file, string[] lines, ref int index)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return values;
        }

        for (index = 1; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Trim() == "---")
            {
                index++;
                return values;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        throw new DocsException(file, 1, "the front matter that starts with --- is never closed.");
    }

    private static List<MarkdownSection> ReadSections(string[] lines, int start)
    {
        var sections = new List<MarkdownSection>();
        var level = 0;
        var title = string.Empty;
        var headingLine = start + 1;
        var body = new List<string>();
        var inFence = false;

        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (CodeFence.IsFence(line))
            {
                inFence = !inFence;
            }

            var headingLevel = inFence ? 0 : HeadingLevel(line);
            if (headingLevel == 0)
            {
                body.Add(line);
                continue;
            }

            if (level != 0 || HasText(body))
            {
                sections.Add(new MarkdownSection(level, title, headingLine, body));
            }

            level = headingLevel;
            title = line[headingLevel..].Trim().TrimEnd('#').Trim();
            headingLine = i + 1;
            body = new List<string>();
        }

        if (level != 0 || HasText(body))
        {
            sections.Add(new MarkdownSection(level, title, headingLine, body));
        }

        return sections;
    }

    private static int HeadingLevel(string line)
    {
        var level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }

        var isHeading = level is >= 1 and <= 6 && (line.Length == level || line[level] == ' ');
        return isHeading ? level : 0;
    }

    private static bool HasText(List<string> lines) => lines.Exists(l => l.Trim().Length > 0);
}
