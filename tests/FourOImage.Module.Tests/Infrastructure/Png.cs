using System;
using System.Buffers.Binary;
using System.IO;

namespace FourOImage.Module.Tests;

/// <summary>Reads a PNG's width and height from its IHDR chunk.</summary>
internal static class Png
{
    public static (int Width, int Height) Dimensions(string path)
    {
        byte[] header = new byte[24];
        using (FileStream stream = File.OpenRead(path))
        {
            stream.ReadExactly(header);
        }

        Assert8Signature(header);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    private static void Assert8Signature(byte[] header)
    {
        byte[] signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        if (!header.AsSpan(0, 8).SequenceEqual(signature) || header[12] != (byte)'I' || header[13] != (byte)'H')
        {
            throw new InvalidDataException("Not a PNG file: " + path(header));
        }

        static string path(byte[] bytes) => BitConverter.ToString(bytes, 0, 16);
    }
}
