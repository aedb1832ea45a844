using System;
using System.Collections.Generic;
using System.Linq;

namespace FourOImage.HelpGen.Model;

/// <summary>The ```yaml block under a parameter: Type, Parameter Sets, Aliases, Required, Position, and so on.</summary>
public sealed record ParameterUsage(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool AcceptsWildcards)
{
    public const string AllSets = "(All)";

    public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Named" or a number, as written.</summary>
    public bool IsNamed => string.Equals(Position, "Named", StringComparison.OrdinalIgnoreCase);

    public bool ByValue => PipelineInput.Contains("ByValue", StringComparison.OrdinalIgnoreCase);

    public bool ByPropertyName => PipelineInput.Contains("ByPropertyName", StringComparison.OrdinalIgnoreCase);

    public bool AppliesTo(string parameterSet) =>
        ParameterSets.Any(s => s == AllSets || string.Equals(s, parameterSet, StringComparison.OrdinalIgnoreCase))
        || parameterSet == SyntaxBlock.AllParameterSets;
}
