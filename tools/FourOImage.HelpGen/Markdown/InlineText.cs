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
            return IsWebLink(url) && url != label ? $"{label} ({url})" : label;
        });
        text = Strong().Replace(text, "${inner}");
        text = Escape().Replace(text, "${ch}");
        return text;
    }

    /// <summary>An http(s) link; any other link points at a page of these docs, which has no meaning in Get-Help.</summary>
    public static bool IsWebLink(string url) =>
        url.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>A whole-string [text](url) link, or null.</summary>
    public static (string Text, string Url)? WholeLink(string text)
    {
        var match = Link().Match(text);
        return match.Success && match.Length == text.Length ? (match.Groups["text"].Value, match.Groups["url"].Value) : null;
    }

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]*)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(?<inner>[^*_]+)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"\\(?<ch>[\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex Escape();
}
