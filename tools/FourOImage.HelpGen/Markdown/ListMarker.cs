using System.Text.RegularExpressions;

namespace FourOImage.HelpGen.Markdown;

/// <summary>The marker that starts a list item: "- ", "* ", "+ ", "1. " or "1) ", after optional indentation.</summary>
public static partial class ListMarker
{
    public static bool StartsItem(string line) => Pattern().IsMatch(line);

    /// <summary>The marker as written, spaces included ("" when the line is not an item).</summary>
    public static string Of(string line) => Pattern().Match(line).Value;

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex Pattern();
}
