using System;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// An empty or blank CSV cell means "not given": turns "" into null before PowerShell converts the value, so
/// `Import-Csv` rows with empty cells bind to nullable parameters instead of failing ("" is not an int) or sending "".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class EmptyAsNullAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = BindingText.Unwrap(inputData);
        return BindingText.IsBlank(value) ? null : inputData;
    }
}
