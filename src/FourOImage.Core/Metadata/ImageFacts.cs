using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FourOImage.Core.Journal;

namespace FourOImage.Core.Metadata;

/// <summary>
/// The facts FourOImage keeps with a saved image, and their two written forms: PNG text chunks (the standard keywords
/// plus one JSON chunk under <see cref="Keyword"/>) and the JSON of a sidecar file. The JSON is the same in both.
/// </summary>
internal static class ImageFacts
{
    /// <summary>The keyword of the machine-readable iTXt chunk.</summary>
    public const string Keyword = "FourOImage";

    /// <summary>Names the JSON layout; a reader accepts any "FourOImage/1.x".</summary>
    public const string Schema = "FourOImage/1";

    public const string SidecarSuffix = ".json";

    public static string Software => "FourOImage " + JournalRun.ModuleVersion;

    /// <summary>The sidecar of an image: its full name plus ".json" (task_0.jpg.json).</summary>
    public static string SidecarPath(string imagePath) => imagePath + SidecarSuffix;

    public static ImageInfo From(ImageTask task, int index, string? service, DateTimeOffset savedAt)
    {
        var facts = new ImageInfo
        {
            TaskId = task.TaskId,
            Index = index,
            Prompt = task.Prompt,
            Size = task.Size,
            Variants = task.Variants ?? (task.ResultUrls.Count > 0 ? task.ResultUrls.Count : null),
            CreateTime = task.CreateTime,
            CompleteTime = task.CompleteTime,
            Service = service,
            Software = Software,
            SavedAt = savedAt,
        };
        ReadRequestEcho(task.ParamJson, facts);
        return facts;
    }

    /// <summary>The text chunks for a PNG: Description (the prompt), Source, Software, Creation Time, and the JSON.</summary>
    public static IReadOnlyList<PngTextEntry> TextEntries(ImageInfo facts)
    {
        var entries = new List<PngTextEntry>();
        if (!string.IsNullOrEmpty(facts.Prompt))
        {
            entries.Add(new PngTextEntry("Description", facts.Prompt!));
        }

        entries.Add(new PngTextEntry("Source", SourceText(facts)));
        entries.Add(new PngTextEntry("Software", facts.Software ?? Software));
        if ((facts.CompleteTime ?? facts.CreateTime ?? facts.SavedAt) is DateTimeOffset created)
        {
            // The PNG specification asks for the RFC 1123 form.
            entries.Add(new PngTextEntry("Creation Time", created.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)));
        }

        entries.Add(new PngTextEntry(Keyword, ToJson(facts, fileName: null)));
        return entries;
    }

    /// <summary>"4o Image API (api.kie.ai), task 5fd1..., image 1 of 4".</summary>
    public static string SourceText(ImageInfo facts)
    {
        var text = new StringBuilder("4o Image API");
        if (!string.IsNullOrEmpty(facts.Service))
        {
            text.Append(" (").Append(facts.Service).Append(')');
        }

        text.Append(", task ").Append(facts.TaskId);
        if (facts.Index is int index)
        {
            text.Append(", image ").Append((index + 1).ToString(CultureInfo.InvariantCulture));
            if (facts.Variants is int variants)
            {
                text.Append(" of ").Append(variants.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>The facts as JSON; a sidecar also names the image it belongs to.</summary>
    public static string ToJson(ImageInfo facts, string? fileName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = fileName is not null,

            // Prompts in any script stay readable in the chunk and the sidecar; this JSON is never put into HTML as it is.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            if (fileName is not null)
            {
                json.WriteString("file", fileName);
            }

            json.WriteString("taskId", facts.TaskId);
            WriteNumber(json, "index", facts.Index);
            WriteNumber(json, "variants", facts.Variants);
            WriteString(json, "size", facts.Size);
            WriteString(json, "prompt", facts.Prompt);
            WriteTime(json, "createTime", facts.CreateTime);
            WriteTime(json, "completeTime", facts.CompleteTime);
            WriteBool(json, "enhance", facts.Enhance);
            WriteBool(json, "enableFallback", facts.EnableFallback);
            WriteString(json, "fallbackModel", facts.FallbackModel);
            WriteString(json, "service", facts.Service);
            WriteString(json, "software", facts.Software);
            WriteTime(json, "savedAt", facts.SavedAt);
            if (fileName is not null)
            {
                json.WriteBoolean("contentCredentials", facts.HasContentCredentials);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Fills <paramref name="into"/> from FourOImage JSON; false when the text is not that JSON (or has no task id).</summary>
    public static bool TryReadJson(string text, ImageInfo into)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            string? schema = JsonValues.String(JsonValues.Property(root, "schema"));
            string? taskId = JsonValues.String(JsonValues.Property(root, "taskId"));
            if (schema is null || !schema.StartsWith(Schema, StringComparison.Ordinal) || string.IsNullOrEmpty(taskId))
            {
                return false;
            }

            into.TaskId = taskId;
            into.Index = JsonValues.Int(JsonValues.Property(root, "index"));
            into.Variants = JsonValues.Int(JsonValues.Property(root, "variants"));
            into.Size = JsonValues.String(JsonValues.Property(root, "size"));
            into.Prompt = JsonValues.String(JsonValues.Property(root, "prompt"));
            into.CreateTime = Time(root, "createTime");
            into.CompleteTime = Time(root, "completeTime");
            into.Enhance = JsonValues.Bool(JsonValues.Property(root, "enhance"));
            into.EnableFallback = JsonValues.Bool(JsonValues.Property(root, "enableFallback"));
            into.FallbackModel = JsonValues.String(JsonValues.Property(root, "fallbackModel"));
            into.Service = JsonValues.String(JsonValues.Property(root, "service"));
            into.Software = JsonValues.String(JsonValues.Property(root, "software"));
            into.SavedAt = Time(root, "savedAt");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // isEnhance, enableFallback and fallbackModel as the service echoed the request.
    private static void ReadRequestEcho(string? paramJson, ImageInfo facts)
    {
        if (string.IsNullOrEmpty(paramJson))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(paramJson!);
            var root = document.RootElement;
            facts.Enhance = JsonValues.Bool(JsonValues.Property(root, "isEnhance"));
            facts.EnableFallback = JsonValues.Bool(JsonValues.Property(root, "enableFallback"));
            facts.FallbackModel = facts.EnableFallback == true ? JsonValues.String(JsonValues.Property(root, "fallbackModel")) : null;
        }
        catch (JsonException)
        {
            // The echo is informational; without it these facts stay unknown.
        }
    }

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        JsonValues.String(JsonValues.Property(root, name)) is string text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteBool(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is bool flag)
        {
            json.WriteBoolean(name, flag);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is DateTimeOffset time)
        {
            json.WriteString(name, time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
    }
}
