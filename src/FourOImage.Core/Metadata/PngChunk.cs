namespace FourOImage.Core.Metadata;

/// <summary>One chunk of a PNG file as read: where it is, its type, and its data when it was loaded.</summary>
internal sealed class PngChunk
{
    public PngChunk(string type, long offset, int length, byte[]? data)
    {
        Type = type;
        Offset = offset;
        Length = length;
        Data = data;
    }

    /// <summary>Four ASCII letters, e.g. "IHDR", "iTXt", "caBX".</summary>
    public string Type { get; }

    /// <summary>Where the chunk starts in the file (its length field).</summary>
    public long Offset { get; }

    /// <summary>Bytes of data (without length, type and CRC).</summary>
    public int Length { get; }

    /// <summary>The data, when the reader loaded it (headers and text chunks); null for skipped chunks.</summary>
    public byte[]? Data { get; }

    /// <summary>Offset plus length, type, data and CRC.</summary>
    public long End => Offset + PngFormat.ChunkOverhead + Length;
}
