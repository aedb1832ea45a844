using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace FourOImage.Module.Tests.Help;

/// <summary>
/// PowerShell refuses to build a cmdlet's parameter metadata when an alias equals a parameter name or another
/// alias, compared case-insensitively and including the common parameters (MergedCommandParameterMetadata:
/// ParameterNameConflictsWithAlias, AliasParameterNameAlreadyExistsForCommand). Such a cmdlet cannot be run at all,
/// and nothing on a machine without PowerShell would notice; the docs would document aliases that cannot exist.
/// </summary>
public sealed class CmdletAliasTests
{
    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    private static readonly string[] CommonAliases = { "vb", "db", "ea", "wa", "infa", "proga", "ev", "wv", "iv", "ov", "ob", "pv" };

    [Fact]
    public void No_alias_equals_a_parameter_name_or_another_alias()
    {
        var problems = new List<string>();
        foreach (var cmdlet in CmdletMetadataReader.Read(RepoPaths.ModuleAssembly))
        {
            var names = cmdlet.Parameters.Select(p => p.Name).Concat(CommonParameters).ToList();
            var aliases = cmdlet.Parameters.SelectMany(p => p.Aliases.Select(a => (Alias: a, Owner: p.Name)))
                .Concat(CommonAliases.Select(a => (Alias: a, Owner: "a common parameter")))
                .ToList();
            if (cmdlet.SupportsShouldProcess)
            {
                names.AddRange(new[] { "WhatIf", "Confirm" });
                aliases.AddRange(new[] { ("wi", "WhatIf"), ("cf", "Confirm") });
            }

            problems.AddRange(aliases
                .Where(a => names.Contains(a.Alias, StringComparer.OrdinalIgnoreCase))
                .Select(a => $"{cmdlet.Name}: alias '{a.Alias}' of -{a.Owner} equals the parameter name -{names.First(n => n.Equals(a.Alias, StringComparison.OrdinalIgnoreCase))}."));
            problems.AddRange(aliases
                .GroupBy(a => a.Alias, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => $"{cmdlet.Name}: alias '{g.Key}' is declared by {string.Join(" and ", g.Select(a => a.Owner))}."));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
