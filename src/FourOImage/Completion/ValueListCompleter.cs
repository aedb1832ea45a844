using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FourOImage.Commands;

/// <summary>Tab completion from a fixed or changing list of values, matched by prefix, quoted when needed.</summary>
public abstract class ValueListCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Values { get; }

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Values
            .Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value))
            .ToList();
    }

    // ':' needs no quotes in an argument (-Size 3:2), and quoting values that need none would make "'" the common
    // prefix of every choice, which PSReadLine's Complete (Tab on Linux and macOS) inserts on the first press instead of
    // listing the choices.
    private static string Quote(string value) =>
        value.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == ':') ? value : "'" + value.Replace("'", "''") + "'";
}
