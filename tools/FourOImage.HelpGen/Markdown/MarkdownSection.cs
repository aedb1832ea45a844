using System.Collections.Generic;

namespace FourOImage.HelpGen.Markdown;

/// <summary>A heading and the lines up to the next heading of any level. Level 0 is the text before the first heading.</summary>
public sealed record MarkdownSection(int Level, string Title, int LineNumber, IReadOnlyList<string> Lines);
