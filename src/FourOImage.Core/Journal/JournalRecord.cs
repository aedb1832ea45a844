using System;
using System.Text.Json.Serialization;

namespace FourOImage.Core.Journal;

/// <summary>One line of a batch journal. Which fields are set depends on <see cref="Type"/>.</summary>
internal sealed class JournalRecord
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; set; }

    /// <summary>"FourOImage 0.1.0" on run records: which module version wrote the journal.</summary>
    [JsonPropertyName("module")]
    public string? Module { get; set; }

    [JsonPropertyName("run")]
    public string? Run { get; set; }

    /// <summary>Credit balance read at the start or end of a run, when it could be read.</summary>
    [JsonPropertyName("credits")]
    public decimal? Credits { get; set; }

    /// <summary>The request's identity: a hash of the normalized request.</summary>
    [JsonPropertyName("request")]
    public string? Request { get; set; }

    /// <summary>The request's identity with only the ASCII characters of its prompt (<see cref="RequestIdentity.ShapeOf"/>).</summary>
    [JsonPropertyName("shape")]
    public string? Shape { get; set; }

    /// <summary>1 for the first time this identity appears in a run, 2 for the second, and so on.</summary>
    [JsonPropertyName("occurrence")]
    public int? Occurrence { get; set; }

    /// <summary>1-based input row number within the run, for messages.</summary>
    [JsonPropertyName("row")]
    public int? Row { get; set; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    [JsonPropertyName("size")]
    public string? Size { get; set; }

    [JsonPropertyName("variants")]
    public int? Variants { get; set; }

    [JsonPropertyName("taskId")]
    public string? TaskId { get; set; }

    /// <summary>"success" or "failed" on finished records.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("index")]
    public int? Index { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("bytes")]
    public long? Bytes { get; set; }
}
