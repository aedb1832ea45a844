using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Logging;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Api;

/// <summary>Writes the service's envelope <c>{"code","msg","data"}</c>, with HTTP 200 (application errors live in code) unless told otherwise.</summary>
internal static class ApiEnvelope
{
    private const string TextFieldKey = "FourOImage.Emulator.TextField";

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers of this request carry their text under "message" instead of "msg" (<see cref="FaultOptions.TextField"/>).</summary>
    public static void UseMessageField(HttpContext context) => context.Items[TextFieldKey] = "message";

    public static Task SuccessAsync(HttpContext context, Action<Utf8JsonWriter> writeData) =>
        WriteAsync(context, 200, "success", writeData);

    public static Task ErrorAsync(HttpContext context, ApiError error, bool? success = null) =>
        WriteAsync(context, error.Code, error.Message, null, success);

    /// <param name="httpStatus">200 as the service answers application errors; a real status for the upload service's other form.</param>
    public static Task WriteAsync(HttpContext context, int code, string msg, Action<Utf8JsonWriter>? writeData, bool? success = null, int httpStatus = 200)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (success is bool flag)
            {
                writer.WriteBoolean("success", flag);
            }

            writer.WriteNumber("code", code);
            writer.WriteString(context.Items.TryGetValue(TextFieldKey, out var field) && field is string name ? name : "msg", msg);
            writer.WritePropertyName("data");
            if (writeData is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writeData(writer);
            }

            writer.WriteEndObject();
        }

        if (RequestRecord.Of(context) is { } record)
        {
            record.BodyCode = code;
        }

        return ResponseBody.WriteAsync(context, httpStatus, "application/json; charset=utf-8", buffer.WrittenMemory);
    }
}
