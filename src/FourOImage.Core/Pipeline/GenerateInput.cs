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
    /// upload or a request. Throws <see cref="ArgumentException"/> whose message names the cmdlet's parameter.
    /// </summary>
    public GenerateRequest ToRequest()
    {
        if (ImageUrl is { Count: > 0 } && ImagePath is { Count: > 0 })
        {
            throw new ArgumentException("Give input images with -ImageUrl or with -ImagePath, not both.");
        }

        if (MaskUrl != null && MaskPath != null)
        {
            throw new ArgumentException("Give the mask with -MaskUrl or with -MaskPath, not both.");
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

        ValidateShape(request);
        return request;
    }

    // Blank text (an empty CSV cell however it was bound) means "not given".
    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    // Local files get their URLs only after upload; stand-ins let the request's own rules (count, mask with one
    // image) run now, before anything is uploaded or spent.
    private void ValidateShape(GenerateRequest request)
    {
        var shape = new GenerateRequest
        {
            Prompt = request.Prompt,
            Size = request.Size,
            FilesUrl = request.FilesUrl.Concat((ImagePath ?? Array.Empty<string>()).Select((_, i) => "https://upload.invalid/" + i)).ToList(),
            MaskUrl = MaskPath != null ? "https://upload.invalid/mask" : request.MaskUrl,
            Variants = request.Variants,
            EnableFallback = request.EnableFallback,
            FallbackModel = request.FallbackModel,
            CallbackUrl = request.CallbackUrl,
        };
        try
        {
            shape.Validate();
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException(ParameterNames.Rephrase(error, HasLocalFiles), error);
        }
    }
}
