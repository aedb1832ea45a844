using System.Collections.Generic;

namespace FourOImage.Module.Tests.Help;

/// <summary>A cmdlet as its compiled attributes declare it, read without loading PowerShell.</summary>
internal sealed record CmdletInfo(
    string Name,
    bool SupportsShouldProcess,
    IReadOnlyList<CmdletParameterInfo> Parameters,
    IReadOnlyList<string> OutputTypes);

/// <summary>
/// One [Parameter] property, with one entry per [Parameter(ParameterSetName = ...)] attribute. TypeNames are the
/// names help may show for its type: the short and the full name (of T for a Nullable&lt;T&gt;).
/// </summary>
internal sealed record CmdletParameterInfo(
    string Name,
    IReadOnlyList<string> TypeNames,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> ValidateSet,
    IReadOnlyList<CmdletParameterSetInfo> Sets);

internal sealed record CmdletParameterSetInfo(
    string ParameterSet,
    int? Position,
    bool Mandatory,
    bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName);
