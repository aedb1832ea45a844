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
        var builder = new StringBuilder(MaxLength);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
            {
                if (pendingDash && builder.Length > 0)
                {
                    if (builder.Length + 1 >= MaxLength)
                    {
                        break;
                    }

                    builder.Append('-');
                }

                if (builder.Length >= MaxLength)
                {
                    break;
                }

                builder.Append(lower);
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return builder.Length == 0 ? Fallback : builder.ToString();
    }
}
