using System;
using System.Globalization;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// -Timeout takes a number of seconds (300, "300", 1.5) or a TimeSpan ("00:05:00", New-TimeSpan -Minutes 5).
/// Without this PowerShell would read 300 as 300 ticks. An empty cell means "not given".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimeoutTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = BindingText.Unwrap(inputData);
        switch (value)
        {
            case null:
                return null;
            case string text when string.IsNullOrWhiteSpace(text):
                return null;
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                return FromSeconds(seconds);
            case int or long or double or decimal or float or short:
                return FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            default:
                return inputData;
        }
    }

    private static TimeSpan FromSeconds(double seconds)
    {
        if (seconds <= 0 || double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            throw new ArgumentException($"The timeout must be a positive number of seconds or a TimeSpan (got {seconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
