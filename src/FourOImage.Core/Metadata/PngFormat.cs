namespace FourOImage.Core.Metadata;

/// <summary>Constants of the PNG format (ISO/IEC 15948, PNG third edition).</summary>
internal static class PngFormat
{
    /// <summary>Length (4), type (4) and CRC (4) around a chunk's data.</summary>
    public const int ChunkOverhead = 12;

    /// <summary>The largest chunk length the format allows (2^31 - 1).</summary>
    public const int MaxChunkLength = int.MaxValue;

    public const string Header = "IHDR";
    public const string Data = "IDAT";
    public const string End = "IEND";

    /// <summary>The box that holds a C2PA manifest (content credentials) in a PNG.</summary>
    public const string ContentCredentials = "caBX";

    public const string Text = "tEXt";
    public const string CompressedText = "zTXt";
    public const string InternationalText = "iTXt";

    public static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static bool IsTextChunk(string type) => type == Text || type == CompressedText || type == InternationalText;
}
