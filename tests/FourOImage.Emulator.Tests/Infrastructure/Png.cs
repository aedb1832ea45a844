using System;
using System.Buffers.Binary;

namespace FourOImage.Emulator.Tests;

/// <summary>Reads what a test needs from PNG bytes.</summary>
internal static class Png
{
    private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static bool HasSignature(byte[] bytes) => bytes.AsSpan().StartsWith(Signature);

    /// <summary>Width and height from IHDR, the first chunk.</summary>
    public static (int Width, int Height) Dimensions(byte[] bytes)
    {
        if (!HasSignature(bytes) || System.Text.Encoding.ASCII.GetString(bytes, 12, 4) != "IHDR")
        {
            throw new FormatException("Not a PNG with IHDR first.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>The data of the first IDAT chunk (the emulator writes one).</summary>
    public static byte[] ImageData(byte[] bytes)
    {
        for (var at = Signature.Length; at + 8 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4) == "IDAT")
            {
                return bytes.AsSpan(at + 8, length).ToArray();
            }

            at += 12 + length;
        }

        throw new FormatException("No IDAT chunk.");
    }

    /// <summary>Every chunk's type and data in order; throws when a CRC does not match (computed bit by bit here).</summary>
    public static System.Collections.Generic.List<(string Type, byte[] Data)> Chunks(byte[] bytes)
    {
        var chunks = new System.Collections.Generic.List<(string, byte[])>();
        for (var at = Signature.Length; at + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8 + length));
            if (crc != Crc(bytes.AsSpan(at + 4, 4 + length)))
            {
                throw new FormatException($"Bad CRC at byte {at}.");
            }

            chunks.Add((System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4), bytes.AsSpan(at + 8, length).ToArray()));
            at += 12 + length;
        }

        return chunks;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    public static bool EndsWithIend(byte[] bytes) =>
        bytes.Length > 12 && System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4) == "IEND";
}
