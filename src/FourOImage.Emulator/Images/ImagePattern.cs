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
        var from = (R: hash[0], G: hash[1], B: hash[2]);
        var to = (R: hash[3], G: hash[4], B: hash[5]);
        var tint = (R: hash[6], G: hash[7], B: hash[8]);
        var cell = 32 + hash[9] % 96;
        var span = width + height;

        return PngWriter.Encode(width, height, (y, row) =>
        {
            for (var x = 0; x < width; x++)
            {
                var t = x + y;
                var r = (from.R * (span - t) + to.R * t) / span;
                var g = (from.G * (span - t) + to.G * t) / span;
                var b = (from.B * (span - t) + to.B * t) / span;
                if (((x / cell) + (y / cell)) % 2 == 0)
                {
                    r = (r * 3 + tint.R) / 4;
                    g = (g * 3 + tint.G) / 4;
                    b = (b * 3 + tint.B) / 4;
                }

                var p = x * 3;
                row[p] = (byte)r;
                row[p + 1] = (byte)g;
                row[p + 2] = (byte)b;
            }
        });
    }
}
