using System;
using System.Collections.Generic;
using System.Text.Json;

namespace FourOImage.Core;

/// <summary>Turns record-info's data into an <see cref="ImageTask"/>, accepting every documented variant of each field.</summary>
internal static class ImageTaskParser
{
    public static ImageTask Parse(JsonElement data, string requestedTaskId, DateTimeOffset retrievedAt)
    {
        var taskId = JsonValues.String(JsonValues.Property(data, "taskId"));
        var task = new ImageTask(string.IsNullOrWhiteSpace(taskId) ? requestedTaskId : taskId!)
        {
            SuccessFlag = JsonValues.Int(JsonValues.Property(data, "successFlag")),
            ServiceStatus = JsonValues.String(JsonValues.Property(data, "status")),
            Progress = JsonValues.Decimal(JsonValues.Property(data, "progress")) ?? 0m,
            CreateTime = ServiceTime.Parse(JsonValues.Property(data, "createTime")),
            CompleteTime = ServiceTime.Parse(JsonValues.Property(data, "completeTime")),
            ResultUrls = ResultUrls(JsonValues.Property(data, "response")),
            ErrorCode = ErrorCodeText(JsonValues.Property(data, "errorCode")),
            ErrorMessage = NullIfEmpty(JsonValues.String(JsonValues.Property(data, "errorMessage"))),
            ParamJson = ParamJsonText(JsonValues.Property(data, "paramJson")) is { } echo ? Redaction.MaskUserInfo(echo) : null,
            RetrievedAt = retrievedAt,
        };
        task.Status = State(task.SuccessFlag, task.ServiceStatus);
        ApplyParams(task);
        return task;
    }

    /// <summary>successFlag first (0 generating, 1 success, anything else failed), status text when the flag is missing.</summary>
    public static TaskState State(int? successFlag, string? status)
    {
        if (successFlag is { } flag)
        {
            return flag switch
            {
                0 => TaskState.Generating,
                1 => TaskState.Success,
                _ => TaskState.Failed,
            };
        }

        var text = status?.Trim().ToUpperInvariant();
        if (text == "SUCCESS")
        {
            return TaskState.Success;
        }

        return text is not null && (text.EndsWith("FAILED", StringComparison.Ordinal) || text == "FAIL" || text == "ERROR")
            ? TaskState.Failed
            : TaskState.Generating;
    }

    private static IReadOnlyList<string> ResultUrls(JsonElement? response)
    {
        if (response is { ValueKind: JsonValueKind.String } embedded)
        {
            // Sibling APIs of the platform send the response object as JSON inside a string.
            return ResultUrlsFromText(embedded.GetString());
        }

        var urls = response is { } r ? JsonValues.Property(r, "resultUrls", "result_urls") : null;
        if (urls is not { ValueKind: JsonValueKind.Array } array)
        {
            return Array.Empty<string>();
        }

        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } url)
            {
                list.Add(url);
            }
        }

        return list;
    }

    private static IReadOnlyList<string> ResultUrlsFromText(string? text)
    {
        try
        {
            using var document = JsonDocument.Parse(text ?? string.Empty);
            return ResultUrls(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return Array.Empty<string>();
        }
    }

    private static string? ParamJsonText(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(value.Value.GetString()),
        JsonValueKind.Object => value.Value.GetRawText(),
        _ => null,
    };

    /// <summary>Prompt, size and variants from the service's echo of the request.</summary>
    private static void ApplyParams(ImageTask task)
    {
        if (task.ParamJson is null)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(task.ParamJson);
            var root = document.RootElement;
            task.Prompt = JsonValues.String(JsonValues.Property(root, "prompt")) ?? task.Prompt;
            task.Size = JsonValues.String(JsonValues.Property(root, "size")) ?? task.Size;
            task.Variants = JsonValues.Int(JsonValues.Property(root, "nVariants")) ?? task.Variants;
        }
        catch (JsonException)
        {
            // The echo is informational; a malformed one is kept verbatim in ParamJson and otherwise ignored.
        }
    }

    /// <summary>A number as its integer text (451.0 is "451"), a word as it came ("GENERATION_FAILED"); blank is none.</summary>
    private static string? ErrorCodeText(JsonElement? value)
    {
        if (JsonValues.Int(value) is { } number)
        {
            return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = JsonValues.String(value)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
