namespace FourOImage.HelpGen.Markdown;

/// <summary>Recognises ``` and ~~~ fence lines and the info string (language) after an opening fence.</summary>
public static class CodeFence
{
    public static bool IsFence(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("```", System.StringComparison.Ordinal) || trimmed.StartsWith("~~~", System.StringComparison.Ordinal);
    }

    public static string Language(string fenceLine) => fenceLine.Trim().TrimStart('`', '~').Trim();
}
