using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace FourOImage.Core.Gallery;

/// <summary>
/// Writes the gallery's HTML. Every piece of text from a prompt, a file name or the service goes through
/// <see cref="HtmlText.Escape"/>, and the page's Content-Security-Policy allows no script at all.
/// </summary>
internal sealed class GalleryPage
{
    private const int AltLength = 140;

    private const string Style = @"
:root{color-scheme:light dark;--bg:#f6f6f8;--fg:#1b1b1f;--muted:#5b5b66;--card:#fff;--line:#d9d9e0;--accent:#0b57a8;--bad:#a3211a;--badbg:#fdeceb}
@media (prefers-color-scheme:dark){:root{--bg:#121216;--fg:#ececf1;--muted:#a6a6b0;--card:#1d1d24;--line:#34343f;--accent:#8ab4f8;--bad:#f4b7b2;--badbg:#3b1f1d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
header,main,footer{max-width:1400px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.6rem;margin:0 0 4px}
.summary{color:var(--muted);margin:0 0 16px}
a{color:var(--accent)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:4px}
.skip{position:absolute;left:-9999px;top:8px;background:var(--card);padding:8px 12px;border-radius:6px;z-index:1}
.skip:focus{left:16px}
.cards{display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(min(100%,360px),1fr));padding:0;margin:0 0 24px;list-style:none}
.card,.failure{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px}
.variants{display:grid;gap:8px;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));margin:0 0 10px}
figure{margin:0}
figure a{display:block}
img{display:block;width:100%;height:auto;border-radius:6px;background:var(--line)}
figcaption{font-size:.8rem;color:var(--muted);margin-top:2px;overflow-wrap:anywhere}
h2.prompt{font-size:1rem;font-weight:600;margin:0 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}
dl{display:flex;flex-wrap:wrap;gap:2px 16px;margin:0;font-size:.85rem;color:var(--muted)}
dl div{display:flex;gap:4px}
dt::after{content:':'}
dd{margin:0;color:var(--fg);overflow-wrap:anywhere}
code{font:.85em ui-monospace,SFMono-Regular,Consolas,monospace}
#failed{margin:0 0 24px}
#failed h2{font-size:1.15rem;margin:0 0 8px;color:var(--bad)}
.failures{display:grid;gap:8px;padding:0;margin:0;list-style:none}
.failure{border-color:var(--bad);background:var(--badbg)}
.failure p{margin:0 0 4px;white-space:pre-wrap;overflow-wrap:anywhere}
.failure .reason{font-weight:600}
.failure .advice{color:var(--muted)}
footer{color:var(--muted);font-size:.85rem;padding-bottom:24px}
@media (max-width:520px){header,main,footer{padding-left:10px;padding-right:10px}h1{font-size:1.3rem}.card{padding:10px}}
";

    private readonly string title;
    private readonly IReadOnlyList<GalleryCard> cards;
    private readonly GalleryBatch? batch;
    private readonly DateTimeOffset now;
    private readonly Func<ImageInfo, string> source;
    private readonly bool embedded;
    private readonly StringBuilder html = new();

    public GalleryPage(string title, IReadOnlyList<GalleryCard> cards, GalleryBatch? batch, DateTimeOffset now, Func<ImageInfo, string> source, bool embedded)
    {
        this.title = title;
        this.cards = cards;
        this.batch = batch;
        this.now = now;
        this.source = source;
        this.embedded = embedded;
    }

    public string Render()
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            // No script of any kind, nothing fetched but the images (local files, or data: URLs with -Embed).
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src * data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(Escape(Metadata.ImageFacts.Software)).Append("\">\n")
            .Append("<title>").Append(Escape(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        WriteHeader();
        html.Append("<main id=\"images\">\n");
        WriteFailures();
        WriteCards();
        html.Append("</main>\n");
        WriteFooter();
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private void WriteHeader()
    {
        int imageCount = cards.Sum(c => c.Images.Count);
        html.Append("<a class=\"skip\" href=\"#images\">Skip to the images</a>\n<header>\n<h1>").Append(Escape(title)).Append("</h1>\n<p class=\"summary\">");
        html.Append(Count(cards.Count, "task")).Append(", ").Append(Count(imageCount, "image"));
        if (batch is not null)
        {
            html.Append(" · batch of ").Append(Count(batch.Rows, "row")).Append(": ");
            if (batch.Succeeded is int succeeded)
            {
                html.Append(succeeded.ToString(CultureInfo.InvariantCulture)).Append(" succeeded, ");
            }

            html.Append(batch.Failures.Count(f => f.IsWholeRow).ToString(CultureInfo.InvariantCulture)).Append(" without an image");
            if (batch.Failures.Count(f => !f.IsWholeRow) is int images and > 0)
            {
                html.Append(", ").Append(Count(images, "image")).Append(" not saved");
            }

            // Only a journal measures the balance before and after; without one the page claims nothing about credits.
            if (batch.CreditsMeasured)
            {
                html.Append(" · credits spent: ").Append(batch.CreditsSpent is decimal credits ? Escape(credits.ToString("0.##", CultureInfo.InvariantCulture)) : "unknown");
            }

            if (batch.Failures.Count > 0)
            {
                html.Append(" · <a href=\"#failed\">see what gave no image</a>");
            }
        }

        html.Append("</p>\n</header>\n");
    }

    private void WriteFailures()
    {
        if (batch is null || batch.Failures.Count == 0)
        {
            return;
        }

        int rows = batch.Failures.Count(f => f.IsWholeRow);
        int images = batch.Failures.Count - rows;
        var heading = new List<string>();
        if (rows > 0)
        {
            heading.Add(rows == 1 ? "1 row gave no image" : rows.ToString(CultureInfo.InvariantCulture) + " rows gave no image");
        }

        if (images > 0)
        {
            heading.Add(images == 1 ? "1 image was not saved" : images.ToString(CultureInfo.InvariantCulture) + " images were not saved");
        }

        html.Append("<section id=\"failed\" aria-labelledby=\"failed-title\">\n<h2 id=\"failed-title\">")
            .Append(string.Join(", ", heading))
            .Append("</h2>\n<ul class=\"failures\">\n");
        foreach (var failure in batch.Failures)
        {
            html.Append("<li class=\"failure\">\n<p><strong>");
            html.Append(failure.Row is int row ? "Row " + row.ToString(CultureInfo.InvariantCulture) : "A row").Append(": ").Append(Escape(StatusText(failure))).Append("</strong>");
            if (failure.TaskId is not null)
            {
                html.Append(" · task <code>").Append(Escape(failure.TaskId)).Append("</code>");
            }

            html.Append("</p>\n<p class=\"reason\">").Append(Escape(failure.Reason)).Append("</p>\n");
            if (!string.IsNullOrEmpty(failure.Advice))
            {
                html.Append("<p class=\"advice\">").Append(Escape(failure.Advice)).Append("</p>\n");
            }

            html.Append("<p class=\"prompt\">").Append(string.IsNullOrEmpty(failure.Prompt) ? "(no prompt)" : Escape(failure.Prompt)).Append("</p>\n</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private void WriteCards()
    {
        html.Append("<ul class=\"cards\" aria-label=\"Tasks\">\n");
        int number = 0;
        foreach (var card in cards)
        {
            number++;
            var facts = card.Facts;
            string prompt = string.IsNullOrEmpty(facts.Prompt) ? "(no prompt)" : facts.Prompt!;
            html.Append("<li class=\"card\" aria-labelledby=\"t").Append(number).Append("\">\n");
            html.Append("<div class=\"variants\">\n");
            foreach (var image in card.Images)
            {
                WriteFigure(image, card.Images.Count, prompt);
            }

            html.Append("</div>\n<h2 class=\"prompt\" id=\"t").Append(number).Append("\">").Append(Escape(prompt)).Append("</h2>\n<dl>\n");
            Fact("Row", card.Row?.ToString(CultureInfo.InvariantCulture));
            Fact("Size", facts.Size);
            Fact("Images", facts.Variants?.ToString(CultureInfo.InvariantCulture));
            if (facts.TaskId is not null)
            {
                html.Append("<div><dt>Task</dt><dd><code>").Append(Escape(facts.TaskId)).Append("</code></dd></div>\n");
            }

            Fact("Created", Gallery.Time(facts.CreateTime));
            Fact("Completed", Gallery.Time(facts.CompleteTime));
            if (facts.CreateTime is DateTimeOffset created && facts.CompleteTime is DateTimeOffset completed && completed >= created)
            {
                Fact("Took", Seconds(completed - created));
            }

            Fact("Options", Options(facts));
            if (facts.MetadataSource.Length == 0)
            {
                Fact("Metadata", "none in the file");
            }

            html.Append("</dl>\n</li>\n");
        }

        html.Append("</ul>\n");
    }

    private void WriteFigure(ImageInfo image, int count, string prompt)
    {
        string src = Escape(source(image));
        string label = image.Index is int index ? $"Image {index + 1}" + (image.Variants is int n ? $" of {n}" : string.Empty) : "Image";
        html.Append("<figure>");
        if (!embedded)
        {
            html.Append("<a href=\"").Append(src).Append("\" title=\"Open ").Append(Escape(image.Name)).Append(" at full size\">");
        }

        html.Append("<img src=\"").Append(src).Append("\" alt=\"").Append(Escape(label + ": " + HtmlText.Shorten(prompt, AltLength))).Append('"');
        if (image.Width is int width && image.Height is int height)
        {
            html.Append(" width=\"").Append(width).Append("\" height=\"").Append(height).Append('"');
        }

        html.Append(" decoding=\"async\">");
        if (!embedded)
        {
            html.Append("</a>");
        }

        html.Append("<figcaption>").Append(Escape(count > 1 ? label + " · " + image.Name : image.Name));
        if (image.Width is int w && image.Height is int h)
        {
            html.Append(" · ").Append(w).Append('\u00D7').Append(h);
        }

        html.Append("</figcaption></figure>\n");
    }

    private void WriteFooter()
    {
        html.Append("<footer><p>Made by ").Append(Escape(Metadata.ImageFacts.Software)).Append(" on ").Append(Escape(Gallery.Time(now))).Append(". ");
        html.Append(embedded
            ? "The images are inside this file."
            : "The images are linked relative to this page: keep them beside it when you copy or zip the folder.");
        html.Append(" The page loads nothing from the internet and runs no script.</p></footer>\n");
    }

    private void Fact(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            html.Append("<div><dt>").Append(name).Append("</dt><dd>").Append(Escape(value)).Append("</dd></div>\n");
        }
    }

    private static string? Options(ImageInfo facts)
    {
        var options = new List<string>();
        if (facts.Enhance == true)
        {
            options.Add("enhanced prompt");
        }

        if (facts.EnableFallback == true)
        {
            options.Add("fallback" + (facts.FallbackModel is null ? string.Empty : " " + facts.FallbackModel));
        }

        if (facts.HasContentCredentials)
        {
            options.Add("content credentials (C2PA)");
        }

        return options.Count == 0 ? null : string.Join(", ", options);
    }

    private static string StatusText(GalleryFailure failure) => failure.Kind switch
    {
        GalleryFailureKind.Invalid => "not sent, the row is not valid",
        GalleryFailureKind.NotSent => "not sent",
        GalleryFailureKind.Refused => "the service refused it",
        GalleryFailureKind.Failed => "the task failed",
        GalleryFailureKind.NotFinished => "the task did not finish",
        GalleryFailureKind.NotSaved when failure.Index is int index => $"image {index + 1} was not saved",
        GalleryFailureKind.NotSaved => "its images were not saved",
        _ => "outcome unknown",
    };

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds < 90 ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private static string Escape(string? text) => HtmlText.Escape(text);
}
