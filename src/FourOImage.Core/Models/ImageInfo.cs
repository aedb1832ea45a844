using System;

namespace FourOImage;

/// <summary>
/// What FourOImage recorded about a saved image (the output of Get-4oImageInfo): the task's facts, read from the
/// image's own PNG text chunk or from the JSON sidecar beside it, plus what the file itself says.
/// </summary>
public sealed class ImageInfo
{
    /// <summary>The image file's full path.</summary>
    public string Path { get; internal set; } = string.Empty;

    /// <summary>The file name without the folder.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    public string? TaskId { get; internal set; }

    /// <summary>0-based position of the image among the task's variants.</summary>
    public int? Index { get; internal set; }

    public string? Prompt { get; internal set; }

    /// <summary>"1:1", "3:2" or "2:3".</summary>
    public string? Size { get; internal set; }

    /// <summary>Images the task made (1, 2 or 4), when known.</summary>
    public int? Variants { get; internal set; }

    /// <summary>Pixels, from the PNG header (null for JPEG and WebP).</summary>
    public int? Width { get; internal set; }

    public int? Height { get; internal set; }

    public DateTimeOffset? CreateTime { get; internal set; }

    public DateTimeOffset? CompleteTime { get; internal set; }

    /// <summary>Whether the service was asked to enhance the prompt (isEnhance), when known.</summary>
    public bool? Enhance { get; internal set; }

    /// <summary>Whether a fallback model was allowed (enableFallback), when known.</summary>
    public bool? EnableFallback { get; internal set; }

    public string? FallbackModel { get; internal set; }

    /// <summary>The API host the task came from, e.g. "api.kie.ai".</summary>
    public string? Service { get; internal set; }

    /// <summary>The module that saved the image, e.g. "FourOImage 0.1.0".</summary>
    public string? Software { get; internal set; }

    public DateTimeOffset? SavedAt { get; internal set; }

    /// <summary>"PNG", "JPEG" or "WebP".</summary>
    public string Format { get; internal set; } = string.Empty;

    /// <summary>Where the facts were read: "PNG" (the image's own text chunk) or "Sidecar" (the JSON file beside it).</summary>
    public string MetadataSource { get; internal set; } = string.Empty;

    /// <summary>The JSON sidecar's full path, when the facts came from one.</summary>
    public string? SidecarPath { get; internal set; }

    /// <summary>The PNG carries a C2PA manifest (a caBX chunk): its bytes are kept as the service sent them.</summary>
    public bool HasContentCredentials { get; internal set; }

    internal ImageInfo Clone() => (ImageInfo)MemberwiseClone();

    public override string ToString() => Path;
}
