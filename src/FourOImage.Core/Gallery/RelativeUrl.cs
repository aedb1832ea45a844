using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FourOImage.Core.Gallery;

/// <summary>
/// A relative URL from a folder to a file ("img/a%20b.png", "../out/x.png"), each segment percent-encoded, so a page
/// keeps working when its folder is copied or zipped. Falls back to a file: URL when no relative path exists (another drive).
/// </summary>
internal static class RelativeUrl
{
    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static string From(string folder, string file)
    {
        string[] from = Segments(Path.GetFullPath(folder));
        string[] to = Segments(Path.GetFullPath(file));
        if (from.Length == 0 || to.Length == 0 || !string.Equals(from[0], to[0], PathComparison))
        {
            return new Uri(Path.GetFullPath(file)).AbsoluteUri;
        }

        int common = 0;
        while (common < from.Length && common < to.Length - 1 && string.Equals(from[common], to[common], PathComparison))
        {
            common++;
        }

        var url = new StringBuilder();
        for (int i = common; i < from.Length; i++)
        {
            url.Append("../");
        }

        var rest = new List<string>();
        for (int i = common; i < to.Length; i++)
        {
            rest.Add(Uri.EscapeDataString(to[i]));
        }

        return url.Append(string.Join("/", rest)).ToString();
    }

    private static string[] Segments(string path) =>
        path.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
}
