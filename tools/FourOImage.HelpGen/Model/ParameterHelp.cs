using System.Collections.Generic;
using System.Linq;

namespace FourOImage.HelpGen.Model;

/// <summary>
/// ### -Name: the description and one metadata block per group of parameter sets (platyPS writes a second yaml
/// block when a parameter is mandatory or positional in one set and not in another).
/// </summary>
public sealed record ParameterHelp(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterUsage> Usages)
{
    public ParameterUsage Primary => Usages[0];

    /// <summary>The usage that applies to a parameter set, or null when the parameter is not in it.</summary>
    public ParameterUsage? UsageIn(string parameterSet) =>
        Usages.FirstOrDefault(u => u.AppliesTo(parameterSet));
}
