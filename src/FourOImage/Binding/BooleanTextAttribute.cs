using System;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// Lets a switch bind from a CSV column: PowerShell refuses strings for switch and bool parameters, so "true", "yes",
/// "1" and "on" become a present switch, "false", "no", "0", "off" and an empty cell an absent one. Anything else is
/// an error that names the accepted words.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BooleanTextAttribute : ArgumentTransformationAttribute
{
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
                throw new ArgumentException($"'{text}' is not a yes/no value; use true, false, yes, no, 1, 0 or leave the cell empty.");
        }
    }
}
