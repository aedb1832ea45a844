using System;

namespace FourOImage.Core.Metadata;

/// <summary>
/// CRC-32 (IEEE 802.3) over a chunk's type and data, as the PNG specification computes it. One file for the module
/// and the emulator (linked into FourOImage.Emulator), so the two can never disagree on what a valid chunk is.
/// </summary>
internal static class PngCrc
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data) =>
        Update(Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;

    public static uint Compute(byte[] type, byte[] data, int offset, int count) =>
        Compute(type, new ReadOnlySpan<byte>(data, offset, count));

    /// <summary>Continues a running CRC (start with 0xFFFFFFFF, finish with ^ 0xFFFFFFFF).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Update(uint crc, byte[] data, int offset, int count) =>
        Update(crc, new ReadOnlySpan<byte>(data, offset, count));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
