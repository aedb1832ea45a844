namespace FourOImage.Core.Metadata;

/// <summary>One keyword and its text from a tEXt, zTXt or iTXt chunk.</summary>
internal sealed record PngTextEntry(string Keyword, string Text);
