using System;
using System.Globalization;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>
/// -Variants takes exactly 1, 2 or 4: a whole number, or a CSV cell holding just that digit. PowerShell's own
/// conversion would turn "2.5" into 2 and leave "two" or "99999999999" unbound (one image, silently); anything else
/// is noted as a <see cref="BindingProblems">binding problem</see> so the row is reported and not sent. An empty cell
/// means "not given".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VariantsTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = BindingText.Unwrap(inputData);
        if (value is null || BindingText.IsBlank(value))
        {
            return null;
        }

        if (Parse(value) is int variants)
        {
            return variants;
        }

        BindingProblems.Note($"-Variants must be 1, 2 or 4, not '{Shown(value)}'.");
        return null;
    }

    private static int? Parse(object value)
    {
        switch (value)
        {
            case string text:
                string trimmed = text.Trim();
                return trimmed == "1" || trimmed == "2" || trimmed == "4" ? int.Parse(trimmed, CultureInfo.InvariantCulture) : null;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                decimal number;
                try
                {
                    number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    return null;
                }

                return number == 1m || number == 2m || number == 4m ? (int)number : null;
            default:
                return null;
        }
    }

    private static string Shown(object value) =>
        value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? string.Empty;
}
