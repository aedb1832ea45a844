using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>Helpers shared by the transformation attributes: unwrap PSObject, recognise an empty CSV cell.</summary>
internal static class BindingText
{
    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    public static bool IsBlank(object? value) => value is string text && string.IsNullOrWhiteSpace(text);
}
