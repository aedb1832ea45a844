using System.Text.RegularExpressions;

namespace FourOImage.HelpGen.Markdown;

/// <summary>
/// Turns inline markdown into the plain text Get-Help prints: links become "text (url)" (or just the text for a
/// link to another page of these docs), emphasis markers and backslash escapes go; `code` keeps its backticks,
/// as Microsoft's own help does.
/// </summary>
public static partial class InlineText
{
    public static string ToPlain(string markdown)
    {
        var text = Link().Replace(markdown, m =>
        {
            var label = m.Groups["text"].Value;
            var url = m.Groups["url"].Value;
            var isWebLink = url.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase);
            return isWebLink && url != label ? $"{label} ({url})" : label;
        });
        text = Strong().Replace(text, "${inner}");
        text = Escape().Replace(text, "${ch}");
        return text;
    }

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]*)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(?<inner>[^*_]+)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"\\(?<ch>[\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex Escape();
}
