using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FourOImage.Core.Pipeline;

/// <summary>One New-4oImage record (a command line or a CSV row) as bound; null means "not given".</summary>
public sealed class GenerateInput
{
    public string? Prompt { get; set; }

    public string? Size { get; set; }

    public IList<string>? ImageUrl { get; set; }

    public IList<string>? ImagePath { get; set; }

    public string? MaskUrl { get; set; }

    public string? MaskPath { get; set; }

    public int? Variants { get; set; }

    public bool Enhance { get; set; }

    public bool EnableFallback { get; set; }

    public string? FallbackModel { get; set; }

    public string? CallbackUrl { get; set; }

    public bool UploadCn { get; set; }

    /// <summary>
    /// What binding could not read (a Variants cell of "two", an Enhance cell of "maybe"), in the cmdlet's words; a
    /// record with any is reported and not sent.
    /// </summary>
    public IList<string> BindingProblems { get; } = new List<string>();

    internal bool HasLocalFiles => ImagePath is { Count: > 0 } || MaskPath != null;

    public override string ToString() => Describe();

    /// <summary>The ShouldProcess target: names the prompt, size and variants.</summary>
    public string Describe()
    {
        string prompt = Prompt is null ? "(no prompt)" : "'" + PromptText.Shorten(Prompt, 60) + "'";
        int images = (ImageUrl?.Count ?? 0) + (ImagePath?.Count ?? 0);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0}, size {1}, {2} variant(s){3}",
            prompt,
            Size ?? "1:1",
            Variants ?? 1,
            images == 0 ? string.Empty : ", " + images.ToString(CultureInfo.InvariantCulture) + " input image(s)");
    }

    /// <summary>
    /// The request to send, with local files still to be uploaded; checks every rule that can be checked before an
    /// upload or a request. Throws <see cref="ArgumentException"/> whose message names the parameters as the help shows
    /// them (-ImageUrl, not the service's filesUrl).
    /// </summary>
    public GenerateRequest ToRequest()
    {
        if (BindingProblems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", BindingProblems));
        }

        var request = new GenerateRequest
        {
            Prompt = Given(Prompt),
            Size = Given(Size) ?? "1:1",
            FilesUrl = ImageUrl?.Select(Given).OfType<string>().ToList() ?? new List<string>(),
            MaskUrl = Given(MaskUrl),
            Variants = Variants ?? 1,
            Enhance = Enhance,
            EnableFallback = EnableFallback,
            FallbackModel = Given(FallbackModel),
            CallbackUrl = Given(CallbackUrl),
            UploadCn = UploadCn,
        };

        GenerateInputRules.Check(this, request);
        return request;
    }

    // Blank text (an empty CSV cell however it was bound) means "not given".
    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
