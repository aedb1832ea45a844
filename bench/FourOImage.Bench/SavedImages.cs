using System;
using System.IO;
using System.Linq;

namespace FourOImage.Bench;

/// <summary>
/// Counts the complete PNG files in a folder (PNG signature at the start, IEND chunk at the end), and the rows all of
/// whose images are among them: every run names its files {TaskId}_{Index}.png (Save-4oImage's default, and the scripts).
/// </summary>
internal static class SavedImages
{
    /// <summary>Tasks with at least <paramref name="variants"/> complete images, by the task id before the last '_' of the file name.</summary>
    public static int CompleteRows(string directory, int variants) =>
        !Directory.Exists(directory)
            ? 0
            : Directory.EnumerateFiles(directory, "*.png")
                .Where(path => IsCompletePng(path, new FileInfo(path).Length))
                .Select(path => Path.GetFileNameWithoutExtension(path))
                .Where(name => name.LastIndexOf('_') > 0)
                .GroupBy(name => name[..name.LastIndexOf('_')], StringComparer.Ordinal)
                .Count(task => task.Count() >= variants);

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
