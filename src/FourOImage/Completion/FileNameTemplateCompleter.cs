using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using FourOImage.Core.Downloads;

namespace FourOImage.Commands;

/// <summary>
/// Completes Save-4oImage -FileName: after an open '{' the template fields ({TaskId}, {Index}, {Size}, {Prompt}, {Date},
/// {Ext}); on an empty word a few whole templates. Always single-quoted, since a bare '{' would start a script block.
/// </summary>
public sealed class FileNameTemplateCompleter : IArgumentCompleter
{
    private static readonly string[] Templates = { FileNameTemplate.Default, "{Prompt}_{Index}.{Ext}", "{Date}_{Prompt}_{TaskId}_{Index}.{Ext}" };

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        int open = typed.LastIndexOf('{');
        if (open < 0 || typed.IndexOf('}', open) >= 0)
        {
            return Templates
                .Where(template => template.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(template => Result(template, template))
                .ToList();
        }

        string before = typed.Substring(0, open);
        string partial = typed.Substring(open + 1);
        return FileNameTemplate.Fields
            .Where(field => field.StartsWith(partial, StringComparison.OrdinalIgnoreCase))
            .Select(field => Result(before + "{" + field + "}", "{" + field + "}"))
            .ToList();
    }

    private static CompletionResult Result(string text, string listItem) =>
        new("'" + text.Replace("'", "''") + "'", listItem, CompletionResultType.ParameterValue, text);
}
