using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace FourOImage.Core.Tests.Metadata;

/// <summary>Builds small PNG files chunk by chunk, written here independently of the module's writer.</summary>
internal sealed class TestPng
{
    private readonly List<(string Type, byte[] Data)> chunks = new();

    public static TestPng Rgb(int width = 4, int height = 3)
    {
        var png = new TestPng();
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        png.Add("IHDR", header);
        var raw = new byte[height * (1 + width * 3)];
        for (int i = 0; i < raw.Length; i++)
        {
            raw[i] = i % (1 + width * 3) == 0 ? (byte)0 : (byte)(i * 37);
        }

        png.Add("IDAT", Zlib(raw));
        return png;
    }

    public TestPng Add(string type, byte[] data)
    {
        chunks.Add((type, data));
        return this;
    }

    public TestPng Text(string keyword, string text) => Add("tEXt", Encoding.Latin1.GetBytes(keyword + "\0" + text));

    public TestPng CompressedText(string keyword, string text) =>
        Add("zTXt", Concat(Encoding.Latin1.GetBytes(keyword + "\0\0"), Zlib(Encoding.Latin1.GetBytes(text))));

    public TestPng InternationalText(string keyword, string text, bool compress) =>
        Add("iTXt", Concat(
            Encoding.Latin1.GetBytes(keyword + "\0" + (compress ? "\u0001" : "\0") + "\0en\0"),
            Encoding.UTF8.GetBytes("Beschreibung\0"),
            compress ? Zlib(Encoding.UTF8.GetBytes(text)) : Encoding.UTF8.GetBytes(text)));

    /// <summary>A C2PA box as a signed GPT-4o image carries it (the content here is only a stand-in).</summary>
    public TestPng ContentCredentials() => Add("caBX", Encoding.ASCII.GetBytes("jumb....c2pa.manifest-store"));

    public byte[] Bytes(bool withEnd = true)
    {
        using var output = new MemoryStream();
        output.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        foreach (var (type, data) in chunks)
        {
            WriteChunk(output, type, data);
        }

        if (withEnd)
        {
            WriteChunk(output, "IEND", Array.Empty<byte>());
        }

        return output.ToArray();
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, Bytes());
        return path;
    }

    /// <summary>Every chunk of a PNG as (type, data), checking each CRC: an independent reader for the tests.</summary>
    public static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var list = new List<(string, byte[])>();
        int position = 8;
        while (position < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            string type = Encoding.ASCII.GetString(png, position + 4, 4);
            byte[] data = png.AsSpan(position + 8, length).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            if (crc != Crc(png.AsSpan(position + 4, 4 + length)))
            {
                throw new InvalidDataException($"bad CRC in {type}");
            }

            list.Add((type, data));
            position += 12 + length;
        }

        return list;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        var typeAndData = Concat(Encoding.ASCII.GetBytes(type), data);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc(typeAndData));
        output.Write(buffer);
    }

    // Bit by bit, straight from the PNG specification's definition.
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Concat(params byte[][] parts)
    {
        using var output = new MemoryStream();
        foreach (var part in parts)
        {
            output.Write(part);
        }

        return output.ToArray();
    }
}
