using System;
using System.Collections.Generic;

namespace FourOImage.HelpGen.Markdown;

/// <summary>A page's ## sections by title, each with its own blocks and the ### sections below it.</summary>
public sealed class PageSections
{
    private readonly Dictionary<string, (MarkdownSection Head, List<MarkdownSection> Entries)> _groups =
        new(StringComparer.OrdinalIgnoreCase);

    private PageSections()
    {
    }

    /// <summary>Groups the sections; a ## section may appear only once, and a ### section must be under one.</summary>
    public static PageSections Group(MarkdownDocument document)
    {
        var page = new PageSections();
        List<MarkdownSection>? current = null;
        foreach (var section in document.Sections)
        {
            if (section.Level == 2)
            {
                if (page._groups.ContainsKey(section.Title))
                {
                    throw new DocsException(document.File, section.LineNumber, $"'## {section.Title}' appears twice.");
                }

                current = new List<MarkdownSection>();
                page._groups[section.Title] = (section, current);
            }
            else if (section.Level >= 3)
            {
                if (current is null)
                {
                    throw new DocsException(document.File, section.LineNumber, $"'{section.Title}' is not under a ## section.");
                }

                current.Add(section);
            }
        }

        return page;
    }

    /// <summary>The blocks directly under '## name' (before any ###); none when the section is missing.</summary>
    public List<MarkdownBlock> Blocks(string name) =>
        _groups.TryGetValue(name, out var group) ? BlockReader.Read(group.Head) : new List<MarkdownBlock>();

    /// <summary>The ### sections under '## name'; none when the section is missing.</summary>
    public List<MarkdownSection> Entries(string name) =>
        _groups.TryGetValue(name, out var group) ? group.Entries : new List<MarkdownSection>();
}
