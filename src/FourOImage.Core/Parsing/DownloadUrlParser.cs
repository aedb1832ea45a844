using System.Text.Json;

namespace FourOImage.Core;

/// <summary>download-url's data: a plain string live; the vendor quickstart shows an object with downloadUrl, so take that too.</summary>
internal static class DownloadUrlParser
{
    public static string? Parse(JsonElement data) => data.ValueKind switch
    {
        JsonValueKind.Object => JsonValues.String(JsonValues.Property(data, "downloadUrl", "url")),
        JsonValueKind.String => data.GetString(),
        _ => null,
    };
}
