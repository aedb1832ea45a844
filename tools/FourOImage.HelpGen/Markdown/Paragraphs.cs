using System.Collections.Generic;
using System.Linq;

namespace FourOImage.HelpGen.Markdown;

/// <summary>The plain-text paragraphs of a run of blocks, the unit both MAML (maml:para) and about text are built from.</summary>
public static class Paragraphs
{
    public static List<string> From(IEnumerable<MarkdownBlock> blocks) =>
        blocks.Select(b => b.Kind is BlockKind.Code or BlockKind.Table ? b.Text : InlineText.ToPlain(b.Text)).ToList();
}
