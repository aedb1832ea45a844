using System.Collections.Generic;

namespace FourOImage.HelpGen.Model;

/// <summary>An entry under ## INPUTS or ## OUTPUTS: ### TypeName and what it means.</summary>
public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);
