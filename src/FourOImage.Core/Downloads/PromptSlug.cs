using System.Globalization;
using System.Text;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Turns a prompt into a short piece of a file name: its letters and digits in any script, lowercased, with single
/// dashes between words ("café au lait" gives "café-au-lait", a Japanese prompt stays Japanese). Punctuation, symbols
/// and spaces become dashes, so nothing a file system forbids is left.
/// </summary>
internal static class PromptSlug
{
    /// <summary>At most this many characters (text elements); the file name's byte limit may cut it further.</summary>
    public const int MaxLength = 40;

    /// <summary>Used when the prompt is missing or has no letters or digits.</summary>
    public const string Fallback = "untitled";

    public static string From(string? prompt) => From(prompt, MaxLength);

    /// <summary>The slug of at most <paramref name="maxLength"/> text elements, ending at a word when that keeps half of it.</summary>
    public static string From(string? prompt, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(prompt) || maxLength < 1)
        {
            return Fallback;
        }

        // FormC keeps "é" one character, as users type it and as macOS, Windows and Linux all show it.
        var composed = prompt!.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder();
        int length = 0;
        int lastDash = -1;
        int lengthAtDash = 0;
        var pendingDash = false;
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(composed);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            if (!IsWordCharacter(element))
            {
                pendingDash = true;
                continue;
            }

            if (pendingDash && length > 0)
            {
                if (length + 1 >= maxLength)
                {
                    break;
                }

                lastDash = builder.Length;
                lengthAtDash = length;
                builder.Append('-');
                length++;
            }

            pendingDash = false;
            if (length >= maxLength)
            {
                // Cut at the last word boundary when that keeps at least half the room, so slugs end with whole words.
                if (lastDash >= 0 && lengthAtDash >= maxLength / 2)
                {
                    builder.Length = lastDash;
                }

                break;
            }

            builder.Append(element.ToLowerInvariant());
            length++;
        }

        var slug = builder.ToString().TrimEnd('-');
        return slug.Length == 0 ? Fallback : slug;
    }

    // A letter or digit of any script (with its combining marks); everything else separates words.
    private static bool IsWordCharacter(string element)
    {
        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(element, 0);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark;
    }
}
