using System.Text.Json.Serialization;

namespace FourOImage.Core;

/// <summary>Source-generated serialisation (no reflection, trimming-safe). Nulls are left out of request bodies.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerateBody))]
[JsonSerializable(typeof(DownloadUrlBody))]
internal sealed partial class CoreJsonContext : JsonSerializerContext
{
}
