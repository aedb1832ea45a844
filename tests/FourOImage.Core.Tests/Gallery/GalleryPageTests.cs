using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using FourOImage.Core.Gallery;
using Xunit;

namespace FourOImage.Core.Tests.Gallery;

/// <summary>The page of a 300-row batch: lazy images, a long prompt once and clamped, failures in one closed section.</summary>
public class GalleryPageTests
{
    private static string Render300(string longPrompt)
    {
        var cards = new List<GalleryCard>();
        for (int i = 1; i <= 270; i++)
        {
            var image = new ImageInfo { Path = $"/out/t{i}_0.png", Prompt = i == 5 ? longPrompt : $"A fox {i}", Index = 0, Variants = 1, Width = 1024, Height = 1024 };
            var card = new GalleryCard(image, i);
            card.Images.Add(image);
            cards.Add(card);
        }

        var record = new BatchRecord();
        for (int row = 1; row <= 300; row++)
        {
            record.RowTaken();
        }

        for (int row = 271; row <= 300; row++)
        {
            record.RowFailed(row, $"A refused fox {row}", GalleryFailureKind.Refused, "the content policy refused it");
        }

        GalleryBatch batch = BatchRecord.ToGallery(new[] { record }, new HashSet<string>());
        return new GalleryPage("Gallery", cards, batch, DateTimeOffset.UnixEpoch, info => info.Name, embedded: false).Render();
    }

    [Fact]
    public void Holds_a_real_batch_in_a_page_that_loads_lazily()
    {
        string longPrompt = string.Concat(Enumerable.Repeat("harbour at dawn ", 400)).Substring(0, 5000);
        string html = Render300(longPrompt);

        Assert.Equal(270 - 6, Regex.Matches(html, "loading=\"lazy\"").Count);
        Assert.Single(Regex.Matches(html, Regex.Escape(longPrompt)));
        Assert.Contains("<details class=\"prompt\"><summary><h2 class=\"prompt\" id=\"t5\">", html);
        Assert.Contains("Show the whole prompt (5,000 characters)", html);
        Assert.Contains("<details id=\"failed\">", html); // closed: one line above the images
        Assert.Contains("30 rows gave no image", html);
        Assert.True(html.IndexOf("id=\"failed\"", StringComparison.Ordinal) < html.IndexOf("class=\"cards\"", StringComparison.Ordinal));
        Assert.True(html.Length < 400_000, $"{html.Length} characters");
    }
}
