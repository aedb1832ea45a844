using System.Text;

namespace FourOImage.Core.Gallery;

/// <summary>Escapes text for HTML content and quoted attribute values: no prompt can open a tag or leave an attribute.</summary>
internal static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text!.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\r': break;
                default:
                    // Control characters other than tab and new line are not allowed in HTML text.
                    builder.Append(c < ' ' && c != '\n' && c != '\t' ? '\uFFFD' : c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Shortens text to at most <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Shorten(string? text, int max)
    {
        string flat = (text ?? string.Empty).Replace('\n', ' ').Replace('\r', ' ').Trim();
        return flat.Length <= max ? flat : flat.Substring(0, max - 1).TrimEnd() + "\u2026";
    }
}
