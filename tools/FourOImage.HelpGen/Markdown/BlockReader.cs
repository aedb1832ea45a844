using System;
using System.Collections.Generic;

namespace FourOImage.HelpGen.Markdown;

/// <summary>Splits a section's lines into paragraphs, list items, fenced code blocks and tables.</summary>
public static class BlockReader
{
    public static List<MarkdownBlock> Read(MarkdownSection section)
    {
        var blocks = new List<MarkdownBlock>();
        var lines = section.Lines;
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var lineNumber = section.LineNumber + 1 + i;
            if (line.Trim().Length == 0)
            {
                i++;
            }
            else if (CodeFence.IsFence(line))
            {
                i = ReadCode(lines, i, lineNumber, blocks);
            }
            else if (line.TrimStart().StartsWith('|'))
            {
                i = ReadTable(lines, i, lineNumber, blocks);
            }
            else
            {
                i = ReadProse(lines, i, lineNumber, blocks);
            }
        }

        return blocks;
    }

    private static int ReadCode(IReadOnlyList<string> lines, int i, int lineNumber, List<MarkdownBlock> blocks)
    {
        var language = CodeFence.Language(lines[i]);
        var indent = lines[i].Length - lines[i].TrimStart().Length;
        var code = new List<string>();
        for (i++; i < lines.Count && !CodeFence.IsFence(lines[i]); i++)
        {
            code.Add(RemoveIndent(lines[i], indent));
        }

        blocks.Add(new MarkdownBlock(BlockKind.Code, string.Join("\n", code), language, lineNumber));
        return i + 1;
    }

    private static int ReadTable(IReadOnlyList<string> lines, int i, int lineNumber, List<MarkdownBlock> blocks)
    {
        var rows = new List<string>();
        for (; i < lines.Count && lines[i].TrimStart().StartsWith('|'); i++)
        {
            rows.Add(lines[i].Trim());
        }

        blocks.Add(new MarkdownBlock(BlockKind.Table, string.Join("\n", rows), string.Empty, lineNumber));
        return i;
    }

    private static int ReadProse(IReadOnlyList<string> lines, int i, int lineNumber, List<MarkdownBlock> blocks)
    {
        var isItem = ListMarker.StartsItem(lines[i]);
        var text = lines[i].Trim();
        for (i++; i < lines.Count; i++)
        {
            var next = lines[i];
            var ends = next.Trim().Length == 0 || CodeFence.IsFence(next) || next.TrimStart().StartsWith('|')
                || ListMarker.StartsItem(next);
            if (ends)
            {
                break;
            }

            text += " " + next.Trim();
        }

        blocks.Add(new MarkdownBlock(isItem ? BlockKind.ListItem : BlockKind.Paragraph, text, string.Empty, lineNumber));
        return i;
    }

    private static string RemoveIndent(string line, int indent)
    {
        var strip = 0;
        while (strip < indent && strip < line.Length && line[strip] == ' ')
        {
            strip++;
        }

        return line[strip..].TrimEnd();
    }
}
