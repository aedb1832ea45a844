using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace FourOImage.Core.Gallery;

/// <summary>
/// Collects saved images (and, from a journal, the rows that gave none) and writes one self-contained HTML page:
/// a card per task with its variants side by side. Images are linked by relative URL, or inlined with
/// <see cref="Embed"/> up to <see cref="EmbedLimit"/> bytes. The page loads nothing from anywhere else and runs no script.
/// </summary>
public sealed class Gallery
{
    /// <summary>The most image bytes -Embed inlines: 50 MiB (about 67 MiB of HTML once base64-encoded).</summary>
    public const long EmbedLimit = 50L * 1024 * 1024;

    private readonly Dictionary<string, ImageInfo> images = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> order = new();

    /// <param name="pagePath">The HTML file's full path; image URLs are made relative to its folder.</param>
    public Gallery(string pagePath)
    {
        PagePath = Path.GetFullPath(pagePath);
    }

    public string PagePath { get; }

    public string Title { get; set; } = "FourOImage gallery";

    public bool Embed { get; set; }

    public GalleryJournal? Journal { get; set; }

    public int ImageCount => order.Count;

    public int TaskCount => Cards().Count;

    /// <summary>Adds an image; the same file given twice is shown once (the later facts win).</summary>
    public void Add(ImageInfo image)
    {
        if (!images.ContainsKey(image.Path))
        {
            order.Add(image.Path);
        }

        images[image.Path] = image;
    }

    /// <summary>The bytes -Embed would inline.</summary>
    public long ImageBytes() => order.Sum(path => new FileInfo(path).Length);

    /// <summary>The page. Throws <see cref="GalleryTooLargeException"/> when -Embed would pass the cap, and IO exceptions.</summary>
    public string Render(DateTimeOffset now)
    {
        if (Embed && ImageBytes() is long total && total > EmbedLimit)
        {
            throw new GalleryTooLargeException(
                $"-Embed inlines at most {EmbedLimit / (1024 * 1024)} MiB of images, and these {order.Count} images are {total / (1024.0 * 1024):0.#} MiB. " +
                "Leave out -Embed to link them instead (the page then needs the images beside it), or export fewer images.");
        }

        var cards = Cards();
        string folder = Path.GetDirectoryName(PagePath)!;
        return new GalleryPage(Title, cards, Journal, now, image => Embed ? DataUrl(image) : RelativeUrl.From(folder, image.Path), Embed).Render();
    }

    private List<GalleryCard> Cards()
    {
        var cards = new Dictionary<string, GalleryCard>(StringComparer.Ordinal);
        foreach (var path in order)
        {
            var image = images[path];
            string key = image.TaskId ?? "file:" + path;
            if (!cards.TryGetValue(key, out var card))
            {
                int? row = image.TaskId is string id && Journal?.RowByTask.TryGetValue(id, out int r) == true ? r : null;
                card = new GalleryCard(image, row);
                cards.Add(key, card);
            }

            card.Images.Add(image);
        }

        var list = cards.Values.ToList();
        foreach (var card in list)
        {
            card.Images.Sort((a, b) => (a.Index ?? int.MaxValue).CompareTo(b.Index ?? int.MaxValue));
        }

        list.Sort(GalleryCard.Compare);
        return list;
    }

    private static string DataUrl(ImageInfo image)
    {
        string mime = image.Format switch
        {
            "JPEG" => "image/jpeg",
            "WebP" => "image/webp",
            _ => "image/png",
        };
        return "data:" + mime + ";base64," + Convert.ToBase64String(File.ReadAllBytes(image.Path));
    }

    internal static string Time(DateTimeOffset? time) =>
        time is DateTimeOffset t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : string.Empty;
}
