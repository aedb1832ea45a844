using System.Collections.Generic;

namespace FourOImage.HelpGen.Model;

/// <summary>
/// One parameter set under ## SYNTAX: its name (from the ### heading; "__AllParameterSets" when the page has a
/// single unnamed block), the syntax line, and the parameter names that line mentions, in order.
/// </summary>
public sealed record SyntaxBlock(string ParameterSet, bool IsDefault, string Text, IReadOnlyList<string> ParameterNames)
{
    public const string AllParameterSets = "__AllParameterSets";
}
