using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace FourOImage.Core;

/// <summary>The generate body with the service's own field names.</summary>
internal sealed class GenerateBody
{
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    [JsonPropertyName("size")]
    public string Size { get; set; } = "1:1";

    [JsonPropertyName("filesUrl")]
    public List<string>? FilesUrl { get; set; }

    [JsonPropertyName("maskUrl")]
    public string? MaskUrl { get; set; }

    [JsonPropertyName("nVariants")]
    public int NVariants { get; set; } = 1;

    [JsonPropertyName("isEnhance")]
    public bool IsEnhance { get; set; }

    [JsonPropertyName("uploadCn")]
    public bool UploadCn { get; set; }

    [JsonPropertyName("enableFallback")]
    public bool EnableFallback { get; set; }

    [JsonPropertyName("fallbackModel")]
    public string? FallbackModel { get; set; }

    [JsonPropertyName("callBackUrl")]
    public string? CallBackUrl { get; set; }
}

internal sealed class DownloadUrlBody
{
    [JsonPropertyName("taskId")]
    public string TaskId { get; set; } = string.Empty;

    [JsonPropertyName("url")]
    public string Url { get; set; } = string.Empty;
}
