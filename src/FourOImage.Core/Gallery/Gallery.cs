using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace FourOImage.Core.Gallery;

/// <summary>
/// Collects saved images (and the rows that gave none: from a journal, or from the record of the batch the images came
/// from) and writes one self-contained HTML page:
/// a card per task with its variants side by side. Images are linked by relative URL, or inlined with
/// <see cref="Embed"/> up to <see cref="EmbedLimit"/> bytes. The page loads nothing from anywhere else and runs no script.
/// </summary>
public sealed class Gallery
{
    /// <summary>The most image bytes -Embed inlines: 50 MiB (about 67 MiB of HTML once base64-encoded).</summary>
    public const long EmbedLimit = 50L * 1024 * 1024;

    private readonly Dictionary<string, ImageInfo> images = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> order = new();
    private readonly List<BatchRecord> batches = new();

    /// <param name="pagePath">The HTML file's full path; image URLs are made relative to its folder.</param>
    public Gallery(string pagePath)
    {
        PagePath = Path.GetFullPath(pagePath);
    }

    public string PagePath { get; }

    public string Title { get; set; } = "FourOImage gallery";

    public bool Embed { get; set; }

    /// <summary>The batch as its journal tells it (-Journal); when set, it is what the page says of the batch.</summary>
    public GalleryBatch? Journal { get; set; }

    public int ImageCount => order.Count;

    public int TaskCount => Cards(null).Count;

    /// <summary>Adds an image; the same file given twice is shown once (the later facts win).</summary>
    public void Add(ImageInfo image)
    {
        if (!images.ContainsKey(image.Path))
        {
            order.Add(image.Path);
        }

        images[image.Path] = image;
    }

    /// <summary>The batch an image came from (Save-4oImage output carries it); each batch is shown once.</summary>
    public void AddBatch(BatchRecord batch)
    {
        if (!batches.Contains(batch))
        {
            batches.Add(batch);
        }
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

        GalleryBatch? batch = Batch();
        var cards = Cards(batch);
        string folder = Path.GetDirectoryName(PagePath)!;
        return new GalleryPage(Title, cards, batch, now, image => Embed ? DataUrl(image) : RelativeUrl.From(folder, image.Path), Embed).Render();
    }

    /// <summary>
    /// What the page says of the batch: the journal's account when given (with the rows only the images' record knows),
    /// else the record the images carried, else nothing.
    /// </summary>
    private GalleryBatch? Batch()
    {
        if (batches.Count == 0)
        {
            return Journal;
        }

        var shown = new HashSet<string>(order.Select(path => images[path].TaskId).OfType<string>(), StringComparer.Ordinal);
        GalleryBatch thisRun = BatchRecord.ToGallery(batches, shown);
        return Journal is null ? thisRun : Journal.With(thisRun);
    }

    private List<GalleryCard> Cards(GalleryBatch? batch)
    {
        var cards = new Dictionary<string, GalleryCard>(StringComparer.Ordinal);
        foreach (var path in order)
        {
            var image = images[path];
            string key = image.TaskId ?? "file:" + path;
            if (!cards.TryGetValue(key, out var card))
            {
                int? row = image.TaskId is string id && batch?.RowByTask.TryGetValue(id, out int r) == true ? r : null;
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
