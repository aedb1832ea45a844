using System;
using System.Security.Cryptography;
using System.Text;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Paints a result image: a diagonal gradient between two colours with a tinted checkerboard, all chosen by a
/// hash of seed, task id and variant index, so every image differs and the same inputs give the same bytes.
/// </summary>
internal static class ImagePattern
{
    public static byte[] Render(int seed, string taskId, int index, int width, int height)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{taskId}:{index}"));
        var cell = 32 + hash[9] % 96;

        // A pixel's colour depends only on x + y (and whether its cell is tinted), so each row is a run of copies
        // from two precomputed diagonals: cheap enough for benchmarks that fetch hundreds of images.
        var plain = Diagonal(width + height, hash.AsSpan(0, 3), hash.AsSpan(3, 3), tint: null);
        var tinted = Diagonal(width + height, hash.AsSpan(0, 3), hash.AsSpan(3, 3), tint: hash.AsSpan(6, 3));

        return PngWriter.Encode(width, height, (y, row) =>
        {
            for (var x = 0; x < width; x += cell)
            {
                var end = Math.Min(x + cell, width);
                var source = ((x / cell) + (y / cell)) % 2 == 0 ? tinted : plain;
                source.AsSpan((x + y) * 3, (end - x) * 3).CopyTo(row[(x * 3)..]);
            }
        });
    }

    /// <summary>RGB for every t = x + y in [0, span): the gradient from <paramref name="from"/> to <paramref name="to"/>, optionally a quarter tinted.</summary>
    private static byte[] Diagonal(int span, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ReadOnlySpan<byte> tint)
    {
        var line = new byte[span * 3];
        for (var t = 0; t < span; t++)
        {
            for (var c = 0; c < 3; c++)
            {
                var value = (from[c] * (span - t) + to[c] * t) / span;
                line[t * 3 + c] = (byte)(tint.IsEmpty ? value : (value * 3 + tint[c]) / 4);
            }
        }

        return line;
    }
}
