using FourOImage.Core.Text;

namespace FourOImage.Core.Pipeline;

/// <summary>Prompts shortened for one-line captions (progress, errors, ShouldProcess messages).</summary>
public static class PromptText
{
    /// <summary>
    /// The prompt on one line, at most <paramref name="maxWidth"/> terminal columns wide (a Japanese character takes
    /// two), ending with one ellipsis character when shortened.
    /// </summary>
    public static string? Shorten(string? prompt, int maxWidth) => prompt is null ? null : DisplayWidth.Cut(prompt, maxWidth);
}
