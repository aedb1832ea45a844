using System.Globalization;
using System.Text;

namespace FourOImage.Core.Text;

/// <summary>
/// How many terminal columns text takes: East Asian wide and fullwidth characters (CJK, kana, Hangul, most emoji)
/// take two, combining marks and format characters none, everything else one. PowerShell 7's Minimal progress view
/// counts characters instead (PowerShell/PowerShell#21293), so progress text is cut by columns here and, for that view,
/// balanced (<see cref="Balance"/>) so its character count is its width.
/// </summary>
public static class DisplayWidth
{
    /// <summary>The one character a shortened text ends with.</summary>
    public const char Ellipsis = '\u2026';

    // Added after each wide character by Balance: no width in any terminal, one character for PowerShell.
    private const char ZeroWidthSpace = '\u200B';

    public static int Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        int width = 0;
        for (int i = 0; i < text!.Length; i++)
        {
            width += OfCodePoint(CodePointAt(text, ref i));
        }

        return width;
    }

    /// <summary>0, 1 or 2 columns for one code point.</summary>
    public static int OfCodePoint(int codePoint)
    {
        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0))
        {
            return 0;
        }

        if (codePoint < 0x300)
        {
            return 1;
        }

        if (codePoint <= 0xFFFF)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory((char)codePoint);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                return 0;
            }
        }

        return IsWide(codePoint) ? 2 : 1;
    }

    /// <summary>
    /// The text on one line (line breaks become spaces, ends trimmed), cut to at most <paramref name="columns"/> columns
    /// with one ellipsis character at the end when cut; never splits a surrogate pair or leaves a combining mark behind.
    /// </summary>
    public static string Cut(string text, int columns)
    {
        string oneLine = text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ').Trim();
        if (Of(oneLine) <= columns)
        {
            return oneLine;
        }

        if (columns < 1)
        {
            return string.Empty;
        }

        var kept = new StringBuilder();
        int width = 0;
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(oneLine);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            int elementWidth = Of(element);
            if (width + elementWidth > columns - 1)
            {
                break;
            }

            kept.Append(element);
            width += elementWidth;
        }

        return kept.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// The text with a zero-width space after each wide character, so that its length in characters equals its width
    /// in columns and a host that counts characters (PowerShell 7's Minimal progress view) lays it out to fit.
    /// </summary>
    public static string Balance(string text)
    {
        if (string.IsNullOrEmpty(text) || Of(text) <= text.Length)
        {
            return text;
        }

        var balanced = new StringBuilder(text.Length * 2);
        for (int i = 0; i < text.Length; i++)
        {
            int start = i;
            int codePoint = CodePointAt(text, ref i);
            balanced.Append(text, start, i - start + 1);
            int extra = OfCodePoint(codePoint) - (i - start + 1);
            for (int k = 0; k < extra; k++)
            {
                balanced.Append(ZeroWidthSpace);
            }
        }

        return balanced.ToString();
    }

    // The code point at i; moves i onto the low surrogate of a pair.
    private static int CodePointAt(string text, ref int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return char.ConvertToUtf32(c, text[i]);
        }

        return c;
    }

    // East Asian Width W and F (Unicode 15), in ranges.
    private static bool IsWide(int c) =>
        (c >= 0x1100 && c <= 0x115F) || (c >= 0x231A && c <= 0x231B) || (c >= 0x2329 && c <= 0x232A)
        || (c >= 0x23E9 && c <= 0x23EC) || c == 0x23F0 || c == 0x23F3 || (c >= 0x25FD && c <= 0x25FE)
        || (c >= 0x2614 && c <= 0x2615) || (c >= 0x2648 && c <= 0x2653) || c == 0x267F || c == 0x2693 || c == 0x26A1
        || (c >= 0x26AA && c <= 0x26AB) || (c >= 0x26BD && c <= 0x26BE) || (c >= 0x26C4 && c <= 0x26C5) || c == 0x26CE
        || c == 0x26D4 || c == 0x26EA || (c >= 0x26F2 && c <= 0x26F3) || c == 0x26F5 || c == 0x26FA || c == 0x26FD
        || c == 0x2705 || (c >= 0x270A && c <= 0x270B) || c == 0x2728 || c == 0x274C || c == 0x274E
        || (c >= 0x2753 && c <= 0x2755) || c == 0x2757 || (c >= 0x2795 && c <= 0x2797) || c == 0x27B0 || c == 0x27BF
        || (c >= 0x2B1B && c <= 0x2B1C) || c == 0x2B50 || c == 0x2B55
        || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xA960 && c <= 0xA97F)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19)
        || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)
        || (c >= 0x16FE0 && c <= 0x16FE4) || (c >= 0x17000 && c <= 0x18CFF) || (c >= 0x1B000 && c <= 0x1B2FF)
        || c == 0x1F004 || c == 0x1F0CF || c == 0x1F18E || (c >= 0x1F191 && c <= 0x1F19A) || (c >= 0x1F200 && c <= 0x1F251)
        || (c >= 0x1F300 && c <= 0x1F320) || (c >= 0x1F32D && c <= 0x1F335) || (c >= 0x1F337 && c <= 0x1F37C)
        || (c >= 0x1F37E && c <= 0x1F393) || (c >= 0x1F3A0 && c <= 0x1F3CA) || (c >= 0x1F3CF && c <= 0x1F3D3)
        || (c >= 0x1F3E0 && c <= 0x1F3F0) || c == 0x1F3F4 || (c >= 0x1F3F8 && c <= 0x1F43E) || c == 0x1F440
        || (c >= 0x1F442 && c <= 0x1F4FC) || (c >= 0x1F4FF && c <= 0x1F53D) || (c >= 0x1F54B && c <= 0x1F54E)
        || (c >= 0x1F550 && c <= 0x1F567) || c == 0x1F57A || (c >= 0x1F595 && c <= 0x1F596) || c == 0x1F5A4
        || (c >= 0x1F5FB && c <= 0x1F64F) || (c >= 0x1F680 && c <= 0x1F6C5) || c == 0x1F6CC || (c >= 0x1F6D0 && c <= 0x1F6D2)
        || (c >= 0x1F6D5 && c <= 0x1F6D7) || (c >= 0x1F6DC && c <= 0x1F6DF) || (c >= 0x1F6EB && c <= 0x1F6EC)
        || (c >= 0x1F6F4 && c <= 0x1F6FC) || (c >= 0x1F7E0 && c <= 0x1F7EB) || c == 0x1F7F0
        || (c >= 0x1F90C && c <= 0x1F93A) || (c >= 0x1F93C && c <= 0x1F945) || (c >= 0x1F947 && c <= 0x1F9FF)
        || (c >= 0x1FA70 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x2FFFD) || (c >= 0x30000 && c <= 0x3FFFD);
}
