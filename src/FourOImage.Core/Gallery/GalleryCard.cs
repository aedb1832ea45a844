using System;
using System.Collections.Generic;

namespace FourOImage.Core.Gallery;

/// <summary>One task on the page: its variants side by side and its facts (taken from its first image).</summary>
internal sealed class GalleryCard
{
    public GalleryCard(ImageInfo first, int? row)
    {
        Facts = first;
        Row = row;
    }

    public ImageInfo Facts { get; }

    public int? Row { get; }

    public List<ImageInfo> Images { get; } = new();

    /// <summary>Batch order: the input row when a journal tells it, else when the task was created, else the file name.</summary>
    public static int Compare(GalleryCard a, GalleryCard b)
    {
        int byRow = (a.Row ?? int.MaxValue).CompareTo(b.Row ?? int.MaxValue);
        if (byRow != 0)
        {
            return byRow;
        }

        int byTime = (a.Facts.CreateTime ?? DateTimeOffset.MaxValue).CompareTo(b.Facts.CreateTime ?? DateTimeOffset.MaxValue);
        return byTime != 0 ? byTime : string.Compare(a.Facts.Path, b.Facts.Path, StringComparison.OrdinalIgnoreCase);
    }
}
