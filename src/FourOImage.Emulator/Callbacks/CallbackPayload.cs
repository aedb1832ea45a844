using System;
using System.IO;
using System.Text;
using System.Text.Json;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Tasks;

namespace FourOImage.Emulator.Callbacks;

/// <summary>The documented callback bodies: success with snake_case result_urls, failure with the error code and info null.</summary>
internal static class CallbackPayload
{
    public static string Build(EmulatedTask task, Uri imageBase, string successMessage)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ApiEnvelope.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("code", task.Outcome.IsSuccess ? 200 : task.Outcome.ErrorCode ?? 500);
            w.WriteString("msg", task.Outcome.IsSuccess ? successMessage : task.Outcome.ErrorMessage);
            w.WriteStartObject("data");
            w.WriteString("taskId", task.Id);
            if (task.Outcome.IsSuccess)
            {
                w.WriteStartObject("info");
                w.WriteStartArray("result_urls");
                foreach (var url in task.ResultUrls(imageBase))
                {
                    w.WriteStringValue(url);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("info");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
