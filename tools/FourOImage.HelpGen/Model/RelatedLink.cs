namespace FourOImage.HelpGen.Model;

/// <summary>A line under ## RELATED LINKS: [text](uri) or plain text.</summary>
public sealed record RelatedLink(string Text, string Uri);
