using System.Globalization;
using System.Text.Json;

namespace FourOImage.Core;

/// <summary>Reads values the service sends in more than one form (numbers as strings, strings as numbers).</summary>
internal static class JsonValues
{
    public static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        return null;
    }

    public static JsonElement? Property(JsonElement obj, string name, string alternativeName) =>
        Property(obj, name) ?? Property(obj, alternativeName);

    public static string? String(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
        _ => null,
    };

    public static decimal? Decimal(JsonElement? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.TryGetDecimal(out var d) ? d : (decimal?)null;
        }

        if (v.ValueKind == JsonValueKind.String
            && decimal.TryParse(v.GetString()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }

    public static int? Int(JsonElement? value)
    {
        var d = Decimal(value);
        return d is { } n && n == decimal.Truncate(n) && n >= int.MinValue && n <= int.MaxValue ? (int)n : null;
    }

    public static bool? Bool(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.Value.GetString(), out var b) => b,
        _ => null,
    };
}
