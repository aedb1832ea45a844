using System;
using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Core;

/// <summary>What to generate. <see cref="Validate"/> checks it against the service's documented rules before anything is sent.</summary>
public sealed class GenerateRequest
{
    public const int MaxFiles = 5;

    public static readonly IReadOnlyList<string> Sizes = new[] { "1:1", "3:2", "2:3" };
    public static readonly IReadOnlyList<int> VariantCounts = new[] { 1, 2, 4 };
    public static readonly IReadOnlyList<string> FallbackModels = new[] { "GPT_IMAGE_1", "FLUX_MAX" };

    public string? Prompt { get; set; }

    /// <summary>"1:1", "3:2" or "2:3".</summary>
    public string Size { get; set; } = "1:1";

    /// <summary>Up to 5 public image URLs to edit or take as reference.</summary>
    public IList<string> FilesUrl { get; set; } = new List<string>();

    /// <summary>Black = edit, white = keep. Only with exactly one image in <see cref="FilesUrl"/>.</summary>
    public string? MaskUrl { get; set; }

    /// <summary>Images to generate: 1, 2 or 4.</summary>
    public int Variants { get; set; } = 1;

    /// <summary>Let the service enhance the prompt (isEnhance).</summary>
    public bool Enhance { get; set; }

    public bool EnableFallback { get; set; }

    /// <summary>"GPT_IMAGE_1" or "FLUX_MAX"; only with <see cref="EnableFallback"/>.</summary>
    public string? FallbackModel { get; set; }

    /// <summary>Webhook the service POSTs to when the task ends (callBackUrl).</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>Route uploads via the service's China servers (uploadCn).</summary>
    public bool UploadCn { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> whose ParamName is the offending property.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Size) || !Sizes.Contains(Size.Trim()))
        {
            throw new ArgumentException($"Size must be 1:1, 3:2 or 2:3 (got '{Size}').", nameof(Size));
        }

        var files = FilesUrl ?? Array.Empty<string>();
        if (string.IsNullOrWhiteSpace(Prompt) && files.Count == 0)
        {
            throw new ArgumentException("Give a Prompt, one or more image URLs in FilesUrl, or both.", nameof(Prompt));
        }

        if (!VariantCounts.Contains(Variants))
        {
            throw new ArgumentException($"Variants must be 1, 2 or 4 (got {Variants}).", nameof(Variants));
        }

        if (files.Count > MaxFiles)
        {
            throw new ArgumentException($"FilesUrl takes at most {MaxFiles} images (got {files.Count}).", nameof(FilesUrl));
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (!UrlSetting.IsHttpUrl(files[i]))
            {
                throw new ArgumentException($"FilesUrl[{i}] '{Redaction.MaskUserInfo(files[i])}' is not an absolute http or https URL.", nameof(FilesUrl));
            }
        }

        if (MaskUrl is not null)
        {
            if (!UrlSetting.IsHttpUrl(MaskUrl))
            {
                throw new ArgumentException($"MaskUrl '{Redaction.MaskUserInfo(MaskUrl)}' is not an absolute http or https URL.", nameof(MaskUrl));
            }

            if (files.Count != 1)
            {
                throw new ArgumentException(
                    files.Count == 0
                        ? "MaskUrl needs exactly one image in FilesUrl (got 0): the mask marks what to edit in that image."
                        : $"MaskUrl needs exactly one image in FilesUrl (got {files.Count}): with several images the service ignores the mask "
                            + "without saying so and edits without it.",
                    nameof(MaskUrl));
            }
        }

        if (FallbackModel is not null)
        {
            if (!FallbackModels.Contains(FallbackModel.Trim().ToUpperInvariant()))
            {
                throw new ArgumentException($"FallbackModel must be GPT_IMAGE_1 or FLUX_MAX (got '{FallbackModel}').", nameof(FallbackModel));
            }

            if (!EnableFallback)
            {
                throw new ArgumentException("FallbackModel only applies with EnableFallback.", nameof(FallbackModel));
            }
        }

        if (CallbackUrl is not null && !UrlSetting.IsHttpUrl(CallbackUrl))
        {
            throw new ArgumentException($"CallbackUrl '{Redaction.MaskUserInfo(CallbackUrl)}' is not an absolute http or https URL.", nameof(CallbackUrl));
        }
    }

    internal GenerateBody ToBody() => new()
    {
        Prompt = string.IsNullOrWhiteSpace(Prompt) ? null : Prompt,
        Size = Size.Trim(),
        FilesUrl = FilesUrl is { Count: > 0 } ? FilesUrl.ToList() : null,
        MaskUrl = MaskUrl,
        NVariants = Variants,
        IsEnhance = Enhance,
        UploadCn = UploadCn,
        EnableFallback = EnableFallback,
        FallbackModel = FallbackModel?.Trim().ToUpperInvariant(),
        CallBackUrl = CallbackUrl,
    };
}
