using System.Collections.Generic;

namespace FourOImage.HelpGen.Model;

/// <summary>### Example N: title, its code (all fenced blocks joined) and the explaining paragraphs.</summary>
public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);
