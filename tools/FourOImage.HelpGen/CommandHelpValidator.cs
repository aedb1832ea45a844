using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FourOImage.HelpGen.Model;

namespace FourOImage.HelpGen;

/// <summary>
/// What every cmdlet page must have before it becomes MAML: the sections Get-Help shows, and a SYNTAX that agrees
/// with PARAMETERS (every -Name in a syntax line is documented and belongs to that parameter set, and every
/// documented parameter appears in some syntax line).
/// </summary>
public static partial class CommandHelpValidator
{
    public static List<string> Validate(CommandHelp help)
    {
        var errors = new List<string>();
        void Error(string message) => errors.Add($"{help.SourceFile}: {message}");

        if (!IsCommandName(help.Name))
        {
            Error($"the title '{help.Name}' is not a Verb-Noun command name.");
        }

        if (!Path.GetFileNameWithoutExtension(help.SourceFile).Equals(help.Name, StringComparison.OrdinalIgnoreCase))
        {
            Error($"the title '{help.Name}' does not match the file name.");
        }

        if (help.ExternalHelpFile.Length == 0)
        {
            Error("the front matter has no 'external help file:'.");
        }

        CheckPresent(help.Synopsis.Count, "## SYNOPSIS", Error);
        CheckPresent(help.Description.Count, "## DESCRIPTION", Error);
        CheckPresent(help.Syntax.Count, "## SYNTAX with a ``` block", Error);
        CheckPresent(help.Examples.Count, "## EXAMPLES with a '### Example 1: ...'", Error);
        CheckPresent(help.Inputs.Count, "## INPUTS with a '### TypeName' (or '### None')", Error);
        CheckPresent(help.Outputs.Count, "## OUTPUTS with a '### TypeName'", Error);

        foreach (var example in help.Examples.Where(e => e.Code.Trim().Length == 0))
        {
            Error($"'{example.Title}' has no code block.");
        }

        foreach (var duplicate in help.Parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Error($"parameter -{duplicate.Key} is documented twice.");
        }

        CheckSyntaxAgainstParameters(help, Error);
        return errors;
    }

    private static void CheckPresent(int count, string what, Action<string> error)
    {
        if (count == 0)
        {
            error($"{what} is missing or empty.");
        }
    }

    private static void CheckSyntaxAgainstParameters(CommandHelp help, Action<string> error)
    {
        var byName = help.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var block in help.Syntax)
        {
            foreach (var name in block.ParameterNames)
            {
                if (!byName.TryGetValue(name, out var parameter))
                {
                    error($"the syntax of set '{block.ParameterSet}' names -{name}, which ## PARAMETERS does not document.");
                }
                else if (parameter.UsageIn(block.ParameterSet) is null)
                {
                    error($"the syntax of set '{block.ParameterSet}' names -{name}, but its 'Parameter Sets:' does not include that set.");
                }
            }
        }

        var knownSets = help.Syntax.Select(s => s.ParameterSet).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in help.Parameters)
        {
            if (!help.Syntax.Any(s => s.ParameterNames.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase)))
            {
                error($"parameter -{parameter.Name} appears in no syntax line.");
            }

            var unknown = parameter.Usages.SelectMany(u => u.ParameterSets)
                .Where(s => s != ParameterUsage.AllSets && !knownSets.Contains(s) && !knownSets.Contains(SyntaxBlock.AllParameterSets));
            foreach (var set in unknown.Distinct())
            {
                error($"parameter -{parameter.Name} names parameter set '{set}', which ## SYNTAX does not have.");
            }
        }
    }

    /// <summary>Verb-Noun, as the file names of cmdlet pages are too.</summary>
    public static bool IsCommandName(string name) => VerbNoun().IsMatch(name);

    [GeneratedRegex(@"^[A-Z][a-z]+-[A-Za-z0-9]+$")]
    private static partial Regex VerbNoun();
}
