namespace FourOImage.Core.Metadata;

/// <summary>Where the facts of a saved image went.</summary>
public enum MetadataPlacement
{
    /// <summary>Not written (-NoMetadata).</summary>
    None = 0,

    /// <summary>Text chunks inside the PNG.</summary>
    PngChunks = 1,

    /// <summary>A JSON sidecar beside the image, whose bytes are left as the service sent them.</summary>
    Sidecar = 2,
}
