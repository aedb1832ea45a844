using System.Text.RegularExpressions;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Keeps the module's internal file names (".&lt;name&gt;.&lt;hex&gt;.fouroimage.partial" temporary files, the folder
/// probe) out of what users read: an error about one names the file the user asked for instead.
/// </summary>
internal static class TempNames
{
    private static readonly Regex Internal = new(
        @"[^'""\s]*\.[0-9a-f]{12}\.fouroimage\.partial|[^'""\s]*\.fouroimage-probe-[0-9a-f]{12}",
        RegexOptions.CultureInvariant);

    /// <summary><paramref name="text"/> with every internal path or name replaced by <paramref name="shown"/>.</summary>
    public static string Hide(string text, string shown) => Internal.Replace(text, shown.Replace("$", "$$"));
}
