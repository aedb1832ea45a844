using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// Lets one CSV cell carry several values ("a.png;b.png", or one per line): splits a single string on ';' and line
/// breaks, drops blanks, and turns an empty cell into null ("not given"). Arrays from the command line pass through.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TextListAttribute : ArgumentTransformationAttribute
{
    private static readonly char[] Separators = { ';', '\r', '\n' };

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (BindingText.Unwrap(inputData) is not string text)
        {
            return inputData;
        }

        List<string> parts = text.Split(Separators).Select(part => part.Trim()).Where(part => part.Length > 0).ToList();
        return parts.Count == 0 ? null : parts.ToArray();
    }
}
