using System;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// Lets a switch bind from a CSV column: PowerShell refuses strings for switch and bool parameters, so "true", "yes",
/// "1" and "on" become a present switch, "false", "no", "0", "off" and an empty cell an absent one. Anything else is
/// noted as a <see cref="BindingProblems">binding problem</see> naming the parameter and the accepted words, so the
/// row is reported with its number instead of dropped by PowerShell.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BooleanTextAttribute : ArgumentTransformationAttribute
{
    /// <param name="parameterName">The parameter as the help shows it, for the problem's text.</param>
    public BooleanTextAttribute(string parameterName)
    {
        ParameterName = parameterName;
    }

    public string ParameterName { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (BindingText.Unwrap(inputData) is not string text)
        {
            return inputData;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true": case "yes": case "y": case "1": case "on": case "$true":
                return new SwitchParameter(true);
            case "": case "false": case "no": case "n": case "0": case "off": case "$false":
                return new SwitchParameter(false);
            default:
                BindingProblems.Note($"-{ParameterName} takes true, false, yes, no, 1, 0 or an empty cell, not '{text}'.");
                return new SwitchParameter(false);
        }
    }
}
