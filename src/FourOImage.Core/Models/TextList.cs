using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace FourOImage;

/// <summary>
/// A read-only list of strings whose string form is its items joined by "; ". Export-Csv writes a property by its
/// string form, so a task's result URLs export as readable text (and bind back to -ImageUrl, which splits on ';')
/// instead of a type name; the formatter and ConvertTo-Json still see a list.
/// </summary>
internal sealed class TextList : ReadOnlyCollection<string>
{
    public static readonly TextList Empty = new(new string[0]);

    public TextList(IEnumerable<string> items)
        : base(items.ToList())
    {
    }

    public override string ToString() => string.Join("; ", this);
}
