using System;
using System.Text;

namespace FourOImage.Core.Downloads;

/// <summary>
/// File-name rules that hold on every platform the module runs on (the Windows rules are the strictest), so a name
/// made on Linux still works when the folder is copied to Windows.
/// </summary>
internal static class SafeFileName
{
    public const int MaxLength = 255;

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
