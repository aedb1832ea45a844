using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FourOImage.HelpGen;
using FourOImage.HelpGen.Model;
using Xunit;

namespace FourOImage.Module.Tests.Help;

/// <summary>
/// The docs describe the cmdlets that were built, not the ones someone remembers: every exported cmdlet has a
/// page, and every parameter is documented with the type, aliases, parameter sets, position, mandatory flag,
/// pipeline input and accepted values its attributes declare.
/// </summary>
public sealed class DocsCompletenessTests
{
    private static readonly string[] ShouldProcessParameters = { "WhatIf", "Confirm" };

    private static readonly Lazy<List<CmdletInfo>> Cmdlets = new(() =>
    {
        var assembly = RepoPaths.ModuleFile("FourOImage.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing; build src/FourOImage first.");
        return CmdletMetadataReader.Read();
    });

    private static readonly Lazy<List<CommandHelp>> Pages = new(() =>
    {
        var (commands, errors) = HelpGenerator.ReadCommands(DocsFolder.Path);
        Assert.Empty(errors);
        return commands;
    });

    [Fact]
    public void The_module_exports_cmdlets()
    {
        Assert.NotEmpty(Cmdlets.Value);
    }

    [Fact]
    public void Every_cmdlet_has_a_page_and_every_page_a_cmdlet()
    {
        Assert.Equal(
            Cmdlets.Value.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal),
            Pages.Value.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_parameter_is_documented_as_declared()
    {
        var problems = new List<string>();
        foreach (var cmdlet in Cmdlets.Value)
        {
            var page = Pages.Value.SingleOrDefault(p => p.Name == cmdlet.Name);
            if (page is null)
            {
                continue; // reported by Every_cmdlet_has_a_page_and_every_page_a_cmdlet
            }

            problems.AddRange(CompareParameters(cmdlet, page));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_declared_output_type_is_documented()
    {
        var problems = new List<string>();
        foreach (var cmdlet in Cmdlets.Value)
        {
            var page = Pages.Value.SingleOrDefault(p => p.Name == cmdlet.Name);
            var documented = page?.Outputs.Select(o => o.TypeName).ToList() ?? new List<string>();
            problems.AddRange(cmdlet.OutputTypes
                .Where(t => !documented.Contains(t, StringComparer.OrdinalIgnoreCase))
                .Select(t => $"{cmdlet.Name}: [OutputType] {t} is not under ## OUTPUTS (has: {string.Join(", ", documented)})"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<string> CompareParameters(CmdletInfo cmdlet, CommandHelp page)
    {
        var documented = page.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var declared = cmdlet.Parameters.Select(p => p.Name).ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            declared.AddRange(ShouldProcessParameters);
        }

        foreach (var name in documented.Keys.Except(declared, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{cmdlet.Name}: -{name} is documented but the cmdlet has no such parameter.";
        }

        foreach (var name in ShouldProcessParameters.Where(_ => cmdlet.SupportsShouldProcess))
        {
            if (!documented.ContainsKey(name))
            {
                yield return $"{cmdlet.Name}: supports ShouldProcess but -{name} is not documented.";
            }
        }

        foreach (var parameter in cmdlet.Parameters)
        {
            if (!documented.TryGetValue(parameter.Name, out var doc))
            {
                yield return $"{cmdlet.Name}: -{parameter.Name} is not documented.";
                continue;
            }

            foreach (var problem in CompareParameter(parameter, doc))
            {
                yield return $"{cmdlet.Name} -{parameter.Name}: {problem}";
            }
        }
    }

    private static IEnumerable<string> CompareParameter(CmdletParameterInfo parameter, ParameterHelp doc)
    {
        var usage = doc.Primary;
        var typeNames = parameter.TypeNames;
        if (doc.Usages.Any(u => !typeNames.Contains(u.Type, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"documented Type '{usage.Type}', declared {string.Join(" or ", typeNames)}.";
        }

        if (!SameSet(parameter.Aliases, doc.Usages.SelectMany(u => u.Aliases)))
        {
            yield return $"documented Aliases '{string.Join(", ", usage.Aliases)}', declared '{string.Join(", ", parameter.Aliases)}'.";
        }

        if (!SameSet(parameter.ValidateSet, usage.AcceptedValues))
        {
            yield return $"documented Accepted values '{string.Join(", ", usage.AcceptedValues)}', declared [ValidateSet] '{string.Join(", ", parameter.ValidateSet)}'.";
        }

        var declaredSets = parameter.Sets.Select(s => s.ParameterSet == "__AllParameterSets" ? ParameterUsage.AllSets : s.ParameterSet);
        if (!SameSet(declaredSets, doc.Usages.SelectMany(u => u.ParameterSets)))
        {
            yield return $"documented Parameter Sets '{string.Join(", ", doc.Usages.SelectMany(u => u.ParameterSets))}', declared '{string.Join(", ", declaredSets)}'.";
        }

        foreach (var set in parameter.Sets)
        {
            var docSet = doc.Usages.FirstOrDefault(u => u.ParameterSets.Contains(set.ParameterSet == "__AllParameterSets" ? ParameterUsage.AllSets : set.ParameterSet, StringComparer.OrdinalIgnoreCase));
            if (docSet is null)
            {
                continue; // reported as a parameter set mismatch above
            }

            var position = set.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named";
            if (!docSet.Position.Equals(position, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"in set {set.ParameterSet} documented Position '{docSet.Position}', declared '{position}'.";
            }

            if (docSet.Required != set.Mandatory)
            {
                yield return $"in set {set.ParameterSet} documented Required {docSet.Required}, declared Mandatory {set.Mandatory}.";
            }

            if (docSet.ByValue != set.ValueFromPipeline || docSet.ByPropertyName != set.ValueFromPipelineByPropertyName)
            {
                yield return $"in set {set.ParameterSet} documented 'Accept pipeline input: {docSet.PipelineInput}', declared ByValue={set.ValueFromPipeline}, ByPropertyName={set.ValueFromPipelineByPropertyName}.";
            }
        }
    }

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
        new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);
}
