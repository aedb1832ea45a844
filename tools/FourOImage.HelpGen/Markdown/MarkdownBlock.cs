namespace FourOImage.HelpGen.Markdown;

/// <summary>A paragraph, list item, code block or table inside a section.</summary>
public sealed record MarkdownBlock(BlockKind Kind, string Text, string Language, int LineNumber);
