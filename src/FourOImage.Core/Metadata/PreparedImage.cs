namespace FourOImage.Core.Metadata;

/// <summary>
/// A downloaded image with its facts in place, ready to be renamed to its final name: the file to rename (the copy with
/// text chunks, or the download itself), where the facts went, and the sidecar this save created, if it did (removed
/// again when the image then cannot have the name).
/// </summary>
internal sealed record PreparedImage(string PathToMove, MetadataPlacement Placement, string? Note, string? CreatedSidecar);
