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

    /// <summary>The cards whose images load at once; those further down load as they come near the view.</summary>
    private const int EagerCards = 6;

    /// <summary>A prompt longer than this (characters) is clamped on its card and opens in full on demand.</summary>
    private const int LongPrompt = 280;

    /// <summary>Up to this many failures the section is open; more are one line that opens on demand.</summary>
    private const int OpenFailures = 3;

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
figcaption{font-size:.8rem;color:var(--muted);margin-top:2px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
h2.prompt{font-size:1rem;font-weight:600;margin:0 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}
.card{content-visibility:auto;contain-intrinsic-size:auto 420px}
details.prompt>summary{list-style:none;cursor:pointer}
details.prompt>summary::-webkit-details-marker{display:none}
details.prompt h2.prompt{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;line-clamp:4;overflow:hidden;margin:0}
details.prompt[open] h2.prompt{display:block;-webkit-line-clamp:unset;line-clamp:none;overflow:visible}
details.prompt .more{display:inline-block;font-size:.85rem;color:var(--accent);margin:2px 0 6px;text-decoration:underline}
details.prompt .more::after{content:attr(data-more)}
details.prompt[open] .more::after{content:'Show less'}
dl{display:flex;flex-wrap:wrap;gap:2px 16px;margin:0;font-size:.85rem;color:var(--muted)}
dl div{display:flex;gap:4px}
dt::after{content:':'}
dd{margin:0;color:var(--fg);overflow-wrap:anywhere}
code{font:.85em ui-monospace,SFMono-Regular,Consolas,monospace}
#failed{margin:0 0 16px;border:1px solid var(--bad);background:var(--badbg);border-radius:10px;padding:8px 12px}
#failed>summary{cursor:pointer}
#failed h2{display:inline;font-size:1.05rem;margin:0;color:var(--bad)}
#failed .show{font-size:.85rem;color:var(--muted)}
#failed[open] .show{display:none}
.failures{display:grid;gap:4px;padding:0;margin:8px 0 0;list-style:none;max-height:60vh;overflow:auto}
.failure{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:4px 8px;font-size:.9rem}
.failure p{margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.failure .reason{font-weight:600;white-space:normal;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2}
.failure .advice,.failure .prompt{color:var(--muted)}
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

        // One compact section: open when it is short, otherwise one line that opens on demand, so the images stay in view.
        html.Append("<details id=\"failed\"").Append(batch.Failures.Count <= OpenFailures ? " open" : string.Empty)
            .Append(">\n<summary><h2 id=\"failed-title\">")
            .Append(string.Join(", ", heading))
            .Append("</h2> <span class=\"show\">· show them</span></summary>\n<ul class=\"failures\" aria-labelledby=\"failed-title\">\n");
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

            string failedPrompt = string.IsNullOrEmpty(failure.Prompt) ? "(no prompt)" : failure.Prompt!;
            html.Append("<p class=\"prompt\" title=\"").Append(Escape(failedPrompt)).Append("\">").Append(Escape(failedPrompt)).Append("</p>\n</li>\n");
        }

        html.Append("</ul>\n</details>\n");
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
                WriteFigure(image, card.Images.Count, prompt, lazy: number > EagerCards);
            }

            html.Append("</div>\n");
            WritePrompt(prompt, number);
            html.Append("<dl>\n");
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

    // A long prompt is clamped to a few lines on its card; the whole of it opens in place, without script.
    private void WritePrompt(string prompt, int number)
    {
        bool isLong = prompt.Length > LongPrompt || prompt.Split('\n').Length > 4;
        if (isLong)
        {
            html.Append("<details class=\"prompt\"><summary>");
        }

        html.Append("<h2 class=\"prompt\" id=\"t").Append(number).Append("\">").Append(Escape(prompt)).Append("</h2>");
        if (isLong)
        {
            string more = "Show the whole prompt (" + prompt.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters)";
            html.Append("<span class=\"more\" data-more=\"").Append(Escape(more)).Append("\"></span></summary></details>");
        }

        html.Append('\n');
    }

    private void WriteFigure(ImageInfo image, int count, string prompt, bool lazy)
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

        html.Append(lazy ? " loading=\"lazy\" decoding=\"async\">" : " decoding=\"async\">");
        if (!embedded)
        {
            html.Append("</a>");
        }

        string caption = count > 1 ? label + " · " + image.Name : image.Name;
        if (image.Width is int w && image.Height is int h)
        {
            caption += " · " + w.ToString(CultureInfo.InvariantCulture) + "\u00D7" + h.ToString(CultureInfo.InvariantCulture);
        }

        // One line, cut with an ellipsis; the whole caption is its tooltip.
        html.Append("<figcaption title=\"").Append(Escape(caption)).Append("\">").Append(Escape(caption)).Append("</figcaption></figure>\n");
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
