using System.Globalization;
using System.Text;

namespace FourOImage.Core.Downloads;

/// <summary>Turns a prompt into a short, safe piece of a file name: lowercase ASCII letters, digits and single dashes.</summary>
internal static class PromptSlug
{
    public const int MaxLength = 40;

    /// <summary>Used when the prompt is missing or has no ASCII letters or digits.</summary>
    public const string Fallback = "untitled";

    public static string From(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Fallback;
        }

        // FormD splits "é" into "e" and a combining accent, so accented Latin letters keep their base letter.
        var decomposed = prompt!.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(MaxLength + 1);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if ((lower < 'a' || lower > 'z') && (lower < '0' || lower > '9'))
            {
                pendingDash = true;
                continue;
            }

            if (pendingDash && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(lower);
            pendingDash = false;
            if (builder.Length > MaxLength)
            {
                break;
            }
        }

        return builder.Length == 0 ? Fallback : Shorten(builder.ToString());
    }

    // Cuts at the last word boundary when that keeps at least half the room, so slugs end with whole words.
    private static string Shorten(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug;
        }

        var lastDash = slug.LastIndexOf('-', MaxLength);
        return lastDash >= MaxLength / 2 ? slug.Substring(0, lastDash) : slug.Substring(0, MaxLength).TrimEnd('-');
    }
}
