using System.Collections.Generic;

namespace FourOImage.Core.Metadata;

/// <summary>The chunks of a PNG file in order, and what they say without decoding pixels.</summary>
internal sealed class PngLayout
{
    public PngLayout(IReadOnlyList<PngChunk> chunks)
    {
        Chunks = chunks;
        var header = chunks[0].Data!;
        Width = (int)PngReader.ReadUInt32(header, 0);
        Height = (int)PngReader.ReadUInt32(header, 4);
        var texts = new List<PngTextEntry>();
        foreach (var chunk in chunks)
        {
            if (chunk.Type == PngFormat.ContentCredentials)
            {
                HasContentCredentials = true;
            }
            else if (chunk.Data is not null && PngText.TryDecode(chunk.Type, chunk.Data) is { } entry)
            {
                texts.Add(entry);
            }
        }

        Texts = texts;
    }

    public IReadOnlyList<PngChunk> Chunks { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>A caBX chunk is present: the file carries a C2PA manifest, which any added chunk would invalidate.</summary>
    public bool HasContentCredentials { get; }

    /// <summary>The tEXt, zTXt and iTXt entries that could be decoded, in file order.</summary>
    public IReadOnlyList<PngTextEntry> Texts { get; }

    /// <summary>The text of the first entry with this keyword (PNG keywords are case-sensitive), or null.</summary>
    public string? Text(string keyword)
    {
        foreach (var entry in Texts)
        {
            if (entry.Keyword == keyword)
            {
                return entry.Text;
            }
        }

        return null;
    }
}
