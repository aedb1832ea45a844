using System;
using System.IO;

namespace FourOImage.Bench;

/// <summary>Counts the complete PNG files in a folder: PNG signature at the start, IEND chunk at the end.</summary>
internal static class SavedImages
{
    private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
    private static readonly byte[] IendTrailer = { 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 };

    public static (int Verified, int Broken, long Bytes) Verify(string directory)
    {
        int verified = 0, broken = 0;
        long bytes = 0;
        if (!Directory.Exists(directory))
        {
            return (0, 0, 0);
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var length = new FileInfo(path).Length;
            if (path.EndsWith(".png", StringComparison.Ordinal) && IsCompletePng(path, length))
            {
                verified++;
                bytes += length;
            }
            else
            {
                broken++;
            }
        }

        return (verified, broken, bytes);
    }

    private static bool IsCompletePng(string path, long length)
    {
        if (length < Signature.Length + IendTrailer.Length)
        {
            return false;
        }

        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        Span<byte> tail = stackalloc byte[8];
        file.ReadExactly(head);
        file.Seek(-IendTrailer.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        return head.SequenceEqual(Signature) && tail.SequenceEqual(IendTrailer);
    }
}
