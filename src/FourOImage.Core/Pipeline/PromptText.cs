namespace FourOImage.Core.Pipeline;

/// <summary>Prompts shortened for one-line captions (progress, ShouldProcess messages).</summary>
public static class PromptText
{
    public static string? Shorten(string? prompt, int maxLength)
    {
        if (prompt is null)
        {
            return null;
        }

        string oneLine = prompt.Replace("\r", " ").Replace("\n", " ").Trim();
        return oneLine.Length <= maxLength ? oneLine : oneLine.Substring(0, maxLength - 3) + "...";
    }
}
