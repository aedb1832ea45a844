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
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = BindingText.Unwrap(inputData);
        return value switch
        {
            null => null,
            string text => string.IsNullOrWhiteSpace(text) ? null : inputData,
            _ when value.GetType().IsPrimitive || value is decimal => inputData,
            _ => null,
        };
    }
}
