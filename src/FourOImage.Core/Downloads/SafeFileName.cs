using System;
using System.Text;

namespace FourOImage.Core.Downloads;

/// <summary>
/// File-name rules that hold on every platform the module runs on (the Windows rules are the strictest), so a name
/// made on Linux still works when the folder is copied to Windows.
/// </summary>
internal static class SafeFileName
{
    /// <summary>The longest name in UTF-16 code units (NTFS, ReFS, APFS).</summary>
    public const int MaxLength = 255;

    /// <summary>The longest name in UTF-8 bytes (ext4, XFS, Btrfs and most Linux file systems).</summary>
    public const int MaxBytes = 255;

    /// <summary>
    /// The room a rendered name leaves for " (999)", which a name taken by another image gets; so the longest name a
    /// template may give is <see cref="MaxBytes"/> less this.
    /// </summary>
    public const int CollisionSuffixBytes = 6;

    /// <summary>The size of the name on the strictest file system: UTF-8 bytes (never fewer than its UTF-16 units).</summary>
    public static int SizeOf(string name) => Encoding.UTF8.GetByteCount(name);

    /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="maxBytes"/> UTF-8 bytes, never splitting a character.</summary>
    public static string CutToBytes(string text, int maxBytes)
    {
        if (SizeOf(text) <= maxBytes)
        {
            return text;
        }

        var cut = new StringBuilder();
        int bytes = 0;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            int size = SizeOf(element);
            if (bytes + size > maxBytes)
            {
                break;
            }

            cut.Append(element);
            bytes += size;
        }

        return cut.ToString();
    }

    private static readonly string[] ReservedNames =
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3", "CONIN$", "CONOUT$",
    };

    public static bool IsInvalidChar(char c) => c < 32 || c == 127 || "<>:\"/\\|?*".IndexOf(c) >= 0;

    /// <summary>Replaces every character not allowed in a file name (path separators included) with '_'.</summary>
    public static string ReplaceInvalidChars(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(IsInvalidChar(c) ? '_' : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Final touches on a whole name: trims spaces and the trailing dots Windows would drop, and prefixes reserved
    /// device names (CON, NUL.png...). Returns null when nothing usable is left (empty, or dots only).
    /// </summary>
    public static string? Finish(string name)
    {
        var trimmed = name.Trim().TrimEnd('.', ' ');
        if (trimmed.Length == 0 || trimmed.Trim('.').Length == 0)
        {
            return null;
        }

        var dot = trimmed.IndexOf('.');
        var stem = (dot < 0 ? trimmed : trimmed.Substring(0, dot)).TrimEnd(' ');
        foreach (var reserved in ReservedNames)
        {
            if (string.Equals(stem, reserved, StringComparison.OrdinalIgnoreCase))
            {
                return "_" + trimmed;
            }
        }

        return trimmed;
    }
}
