using System;

namespace FourOImage.Emulator.Images;

/// <summary>Pixel dimensions of the service's aspect ratios.</summary>
internal static class ImageSize
{
    public static readonly string[] Ratios = { "1:1", "3:2", "2:3" };

    public static (int Width, int Height) Of(string ratio) => ratio switch
    {
        "1:1" => (1024, 1024),
        "3:2" => (1536, 1024),
        "2:3" => (1024, 1536),
        _ => throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "Unknown size."),
    };
}
