using System;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// For a text parameter that takes pipeline input by value and by property name (-Prompt). PowerShell tries, in
/// order: the input as is, its matching property, the input converted, the property converted. A CSV row without a
/// prompt column would reach the third step and turn the whole row into the text "@{size=...}". This maps any input
/// that is not text or a plain value to null ("not given"), and blank text too, so such a row is reported as having
/// no prompt instead of sending garbage.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PipelineTextAttribute : ArgumentTransformationAttribute
{
    [ThreadStatic]
    private static PSObject? t_record;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = BindingText.Unwrap(inputData);
        switch (value)
        {
            case null:
                return null;
            case string text:
                return string.IsNullOrWhiteSpace(text) ? null : inputData;
            case var plain when plain.GetType().IsPrimitive || plain is decimal:
                return inputData;
            default:
                // A record without the text's column: noted, so the cmdlet can say which of its columns it did not know.
                t_record = inputData as PSObject;
                return null;
        }
    }

    /// <summary>The pipeline record taken as "no text" on this thread since the last call (which forgets it), or null.</summary>
    internal static PSObject? TakeRecord()
    {
        PSObject? record = t_record;
        t_record = null;
        return record;
    }
}
