using System;
using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// The service's rules for a request (<see cref="GenerateRequest.Validate"/>), checked on a New-4oImage record and
/// said in the cmdlet's words: -ImageUrl or -ImagePath where the service says filesUrl, -MaskPath where a local mask
/// stands in for maskUrl.
/// </summary>
internal static class GenerateInputRules
{
    public static void Check(GenerateInput input, GenerateRequest request)
    {
        int localImages = input.ImagePath?.Count ?? 0;
        string images = localImages > 0 ? "-ImagePath" : "-ImageUrl";
        string mask = input.MaskPath != null ? "-MaskPath" : "-MaskUrl";
        if (request.FilesUrl.Count > 0 && localImages > 0)
        {
            Fail("Give input images with -ImageUrl or with -ImagePath, not both.");
        }

        if (input.MaskUrl != null && input.MaskPath != null)
        {
            Fail("Give the mask with -MaskUrl or with -MaskPath, not both.");
        }

        if (!GenerateRequest.Sizes.Contains(request.Size))
        {
            Fail($"-Size must be 1:1, 3:2 or 2:3, not '{request.Size}'.");
        }

        int imageCount = request.FilesUrl.Count + localImages;
        if (request.Prompt is null && imageCount == 0)
        {
            Fail("There is nothing to generate from: give -Prompt, input images with -ImageUrl or -ImagePath, or both.");
        }

        if (!GenerateRequest.VariantCounts.Contains(request.Variants))
        {
            Fail($"-Variants must be 1, 2 or 4, not '{request.Variants}'.");
        }

        if (imageCount > GenerateRequest.MaxFiles)
        {
            Fail($"{images} takes at most {GenerateRequest.MaxFiles} images (got {imageCount}).");
        }

        foreach (string url in request.FilesUrl.Where(url => !UrlSetting.IsHttpUrl(url)))
        {
            Fail($"-ImageUrl '{url}' is not an absolute http or https URL.");
        }

        if (request.MaskUrl != null && !UrlSetting.IsHttpUrl(request.MaskUrl))
        {
            Fail($"-MaskUrl '{request.MaskUrl}' is not an absolute http or https URL.");
        }

        if ((request.MaskUrl != null || input.MaskPath != null) && imageCount != 1)
        {
            // Stricter than the service, which takes the task and silently drops the mask: the user would pay for an unmasked edit.
            Fail(imageCount == 0
                ? $"{mask} needs exactly one input image ({images}), not 0: the mask marks what to edit in that image."
                : $"{mask} needs exactly one input image ({images}), not {imageCount}: with several images the service ignores the mask "
                    + "without saying so and edits without it, so the row is not sent and nothing is charged.");
        }

        if (request.FallbackModel != null)
        {
            if (!GenerateRequest.FallbackModels.Contains(request.FallbackModel.ToUpperInvariant()))
            {
                Fail($"-FallbackModel must be {string.Join(" or ", GenerateRequest.FallbackModels)}, not '{request.FallbackModel}'.");
            }

            if (!request.EnableFallback)
            {
                Fail("-FallbackModel applies only with -EnableFallback.");
            }
        }

        if (request.CallbackUrl != null && !UrlSetting.IsHttpUrl(request.CallbackUrl))
        {
            Fail($"-CallbackUrl '{request.CallbackUrl}' is not an absolute http or https URL.");
        }
    }

    private static void Fail(string message) => throw new ArgumentException(message);
}
