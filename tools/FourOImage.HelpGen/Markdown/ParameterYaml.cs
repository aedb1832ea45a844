using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.HelpGen.Model;

namespace FourOImage.HelpGen.Markdown;

/// <summary>Reads the ```yaml block platyPS writes under each parameter. Unknown keys are errors, so typos surface.</summary>
public static class ParameterYaml
{
    private static readonly string[] Keys =
    {
        "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters",
    };

    public static ParameterUsage Parse(string file, MarkdownBlock block)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = block.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var key = colon > 0 ? line[..colon].Trim() : line.Trim();
            if (colon <= 0 || !Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new DocsException(file, block.LineNumber + 1 + i, $"unknown parameter metadata line '{line.Trim()}'; expected one of: {string.Join(", ", Keys)}.");
            }

            values[key] = line[(colon + 1)..].Trim();
        }

        string Require(string key) =>
            values.TryGetValue(key, out var value) && value.Length > 0
                ? value
                : throw new DocsException(file, block.LineNumber, $"the parameter metadata has no '{key}:' line.");

        return new ParameterUsage(
            Type: Require("Type"),
            ParameterSets: List(Require("Parameter Sets")),
            Aliases: List(values.GetValueOrDefault("Aliases", string.Empty)),
            AcceptedValues: List(values.GetValueOrDefault("Accepted values", string.Empty)),
            Required: Bool(file, block, "Required", Require("Required")),
            Position: Require("Position"),
            DefaultValue: values.GetValueOrDefault("Default value") is { Length: > 0 } d ? d : "None",
            PipelineInput: Require("Accept pipeline input"),
            AcceptsWildcards: Bool(file, block, "Accept wildcard characters", values.GetValueOrDefault("Accept wildcard characters", "False")));
    }

    private static List<string> List(string value) =>
        value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0 && !v.Equals("None", StringComparison.OrdinalIgnoreCase)).ToList();

    private static bool Bool(string file, MarkdownBlock block, string key, string value) =>
        bool.TryParse(value, out var result)
            ? result
            : throw new DocsException(file, block.LineNumber, $"'{key}: {value}' must be True or False.");
}
