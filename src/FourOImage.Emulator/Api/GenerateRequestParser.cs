using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace FourOImage.Emulator.Api;

/// <summary>Validates a generate body the way the service does (code 422 with a message naming the field) and builds the paramJson echo.</summary>
internal static class GenerateRequestParser
{
    public const int MaxFiles = 5;
    private static readonly string[] Sizes = { "1:1", "3:2", "2:3" };
    private static readonly int[] VariantCounts = { 1, 2, 4 };
    private static readonly string[] FallbackModels = { "GPT_IMAGE_1", "FLUX_MAX" };
    private static readonly string[] Flags = { "isEnhance", "uploadCn", "enableFallback" };

    /// <summary>Null and the request when valid; otherwise the error to answer.</summary>
    public static ApiError? TryParse(JsonElement body, out GenerateRequest? request)
    {
        request = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ApiError.InvalidJson with { Message = "The request body must be a JSON object." };
        }

        if (!TryString(body, "size", out var size, out var error)) return error;
        if (size is null) return ApiError.Validation("size is required: one of 1:1, 3:2, 2:3.");
        if (!Sizes.Contains(size)) return ApiError.Validation($"size must be one of 1:1, 3:2, 2:3 (got '{size}').");

        if (!TryString(body, "prompt", out var prompt, out error)) return error;
        if (!TryUrlList(body, out var files, out error)) return error;
        if (!TryString(body, "fileUrl", out var fileUrl, out error)) return error;
        if (fileUrl is not null)
        {
            if (!IsHttpUrl(fileUrl)) return ApiError.Validation("fileUrl must be an absolute http or https URL.");
            files.Add(fileUrl);
        }

        if (string.IsNullOrWhiteSpace(prompt) && files.Count == 0) return ApiError.Validation("prompt or filesUrl is required.");
        if (files.Count > MaxFiles) return ApiError.Validation($"filesUrl accepts at most {MaxFiles} images (got {files.Count}).");

        if (!TryString(body, "maskUrl", out var maskUrl, out error)) return error;
        if (maskUrl is not null)
        {
            if (!IsHttpUrl(maskUrl)) return ApiError.Validation("maskUrl must be an absolute http or https URL.");
            if (files.Count != 1) return ApiError.Validation("maskUrl can only be used with exactly one image in filesUrl.");
        }

        var variants = 1;
        if (body.TryGetProperty("nVariants", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out variants) || !VariantCounts.Contains(variants))
            {
                return ApiError.Validation($"nVariants must be 1, 2 or 4 (got {n.GetRawText()}).");
            }
        }

        foreach (var flag in Flags)
        {
            if (body.TryGetProperty(flag, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                return ApiError.Validation($"{flag} must be true or false.");
            }
        }

        if (!TryString(body, "fallbackModel", out var fallbackModel, out error)) return error;
        if (fallbackModel is not null && !FallbackModels.Contains(fallbackModel))
        {
            return ApiError.Validation("fallbackModel must be GPT_IMAGE_1 or FLUX_MAX.");
        }

        if (!TryString(body, "callBackUrl", out var callbackUrl, out error)) return error;
        if (callbackUrl is not null && !IsHttpUrl(callbackUrl)) return ApiError.Validation("callBackUrl must be an absolute http or https URL.");

        request = new GenerateRequest(prompt, size, files, maskUrl, variants, callbackUrl, ParamJson(body));
        return null;
    }

    private static bool TryString(JsonElement body, string name, out string? value, out ApiError? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = ApiError.Validation($"{name} must be a string.");
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryUrlList(JsonElement body, out List<string> urls, out ApiError? error)
    {
        urls = new List<string>();
        error = null;
        if (!body.TryGetProperty("filesUrl", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            error = ApiError.Validation("filesUrl must be an array of URLs.");
            return false;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !IsHttpUrl(item.GetString()))
            {
                error = ApiError.Validation($"filesUrl[{index}] must be an absolute http or https URL.");
                return false;
            }

            urls.Add(item.GetString()!);
            index++;
        }

        return true;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // The service echoes the request as JSON in a string, keys sorted, with enableFallback defaulted and its check flags added.
    private static string ParamJson(JsonElement body)
    {
        var fields = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        fields.TryAdd("enableFallback", JsonSerializer.SerializeToElement(false));
        fields["fileUrlOrPromptNotEmpty"] = JsonSerializer.SerializeToElement(true);
        fields["nVariantsValid"] = JsonSerializer.SerializeToElement(true);

        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ApiEnvelope.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
