using System;
using System.Text.Json;

namespace FourOImage.Core;

/// <summary>
/// The service's answer shape: {"code": int, "msg": string, "data": any}. The text may come as "message" instead (the
/// platform's newer API), and the upload service adds "success".
/// </summary>
internal sealed class ApiEnvelope
{
    private ApiEnvelope(int? code, string? message, JsonElement data, bool? success)
    {
        Code = code;
        Message = message;
        Data = data;
        Success = success;
    }

    /// <summary>The body's code; null when the JSON object has none (or a non-numeric one).</summary>
    public int? Code { get; }

    /// <summary>The answer's text: "msg", or "message" when there is no msg.</summary>
    public string? Message { get; }

    /// <summary>The upload service's "success" flag; null when the body has none.</summary>
    public bool? Success { get; }

    /// <summary>A detached copy of data (Undefined when absent).</summary>
    public JsonElement Data { get; }

    /// <summary>3 when the body starts with a UTF-8 byte order mark (some servers send one; the JSON reader refuses it), else 0.</summary>
    public static int ByteOrderMarkLength(byte[] body) =>
        body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;

    /// <summary>Null when the body is not a JSON object.</summary>
    public static ApiEnvelope? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var start = ByteOrderMarkLength(body);
        try
        {
            using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(body, start, body.Length - start));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
            return new ApiEnvelope(
                JsonValues.Int(JsonValues.Property(root, "code")),
                Text(root),
                data,
                JsonValues.Bool(JsonValues.Property(root, "success")));
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 surfaces as ArgumentException on some paths.
            return null;
        }
    }

    private static string? Text(JsonElement root)
    {
        var msg = JsonValues.String(JsonValues.Property(root, "msg"));
        return string.IsNullOrWhiteSpace(msg) ? JsonValues.String(JsonValues.Property(root, "message")) ?? msg : msg;
    }
}
