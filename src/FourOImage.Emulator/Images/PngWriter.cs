using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using FourOImage.Core.Metadata;

namespace FourOImage.Emulator.Images;

/// <summary>Encodes 8-bit RGB pixels as a PNG: signature, IHDR, one IDAT (zlib, fastest), IEND.</summary>
internal static class PngWriter
{
    /// <summary>Bytes a chunk adds around its data: length, type and CRC.</summary>
    public const int ChunkOverhead = 12;

    private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    /// <param name="writeRow">Fills one row of width*3 RGB bytes for the given y.</param>
    public static byte[] Encode(int width, int height, Action<int, Span<byte>> writeRow)
    {
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR", header);

        WriteChunk(output, "IDAT", Compress(width, height, writeRow));
        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    private static byte[] Compress(int width, int height, Action<int, Span<byte>> writeRow)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + width * 3]; // filter byte 0 (None) + pixels
            for (var y = 0; y < height; y++)
            {
                writeRow(y, row.AsSpan(1));
                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    /// <summary>Writes one chunk into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WriteChunk(Span<byte> destination, string type, ReadOnlySpan<byte> data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        BinaryPrimitives.WriteInt32BigEndian(destination, data.Length);
        typeBytes.CopyTo(destination[4..]);
        data.CopyTo(destination[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(8 + data.Length)..], PngCrc.Compute(typeBytes, data));
        return ChunkOverhead + data.Length;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, PngCrc.Compute(typeBytes, data));
        output.Write(buffer);
    }
}
