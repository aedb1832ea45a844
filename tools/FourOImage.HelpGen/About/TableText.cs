using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.HelpGen.Markdown;

namespace FourOImage.HelpGen.About;

/// <summary>A markdown pipe table as aligned plain-text columns, the header underlined with dashes.</summary>
public static class TableText
{
    public static List<string> Render(string table, string indent)
    {
        var rows = table.Split('\n')
            .Where(r => !IsSeparator(r))
            .Select(r => r.Trim().Trim('|').Split('|').Select(c => InlineText.ToPlain(c.Trim())).ToArray())
            .ToList();
        var columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns)
            .Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0))
            .ToArray();

        var lines = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            lines.Add(Row(rows[i], widths, indent));
            if (i == 0)
            {
                lines.Add(Row(widths.Select(w => new string('-', w)).ToArray(), widths, indent));
            }
        }

        return lines;
    }

    private static string Row(string[] cells, int[] widths, string indent) =>
        (indent + string.Join("  ", widths.Select((w, c) => (c < cells.Length ? cells[c] : string.Empty).PadRight(w)))).TrimEnd();

    private static bool IsSeparator(string row) =>
        row.Trim().Trim('|').Split('|').All(c => c.Trim().Trim(':').Length > 0 && c.Trim().Trim(':').All(ch => ch == '-'));
}
