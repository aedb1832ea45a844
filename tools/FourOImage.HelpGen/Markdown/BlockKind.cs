namespace FourOImage.HelpGen.Markdown;

public enum BlockKind
{
    /// <summary>Prose; soft line breaks already joined with spaces, inline markup kept as written.</summary>
    Paragraph,

    /// <summary>One "- " or "1. " list item, its marker kept so the plain text still reads as a list.</summary>
    ListItem,

    /// <summary>A fenced code block; text verbatim, lines joined with \n.</summary>
    Code,

    /// <summary>A pipe table; its lines verbatim.</summary>
    Table,
}
