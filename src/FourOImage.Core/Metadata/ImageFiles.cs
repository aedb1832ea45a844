using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace FourOImage.Core.Metadata;

/// <summary>The image files of a folder, as Get-4oImageInfo and Export-4oImageGallery read a folder.</summary>
public static class ImageFiles
{
    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".webp" };

    /// <summary>PNG, JPEG and WebP files directly in the folder, by name; hidden files (temporary downloads) are left out.</summary>
    public static IReadOnlyList<string> InFolder(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(path => HasImageExtension(path) && !Path.GetFileName(path).StartsWith(".", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static bool HasImageExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
