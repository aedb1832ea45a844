using System;
using System.IO;
using Xunit;

namespace FourOImage.Bench.Tests;

/// <summary>Rows are counted as saved only when every image of the task is a complete PNG file.</summary>
public sealed class SavedImagesTests : IDisposable
{
    private static readonly byte[] Png =
    {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, // signature
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82, // IEND
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bench-tests-" + Guid.NewGuid().ToString("n"));

    public SavedImagesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ARowWithAMissingOrBrokenImageIsNotSaved()
    {
        Write("0123abcd_0.png", Png);
        Write("0123abcd_1.png", Png);
        Write("task_4o_abc_0.png", Png);
        Write("task_4o_abc_1.png", Png.AsSpan(0, 12).ToArray()); // cut short
        Write("ffff_0.png", Png); // one of two

        Assert.Equal(1, SavedImages.CompleteRows(_folder, variants: 2));
        Assert.Equal(3, SavedImages.CompleteRows(_folder, variants: 1));
        Assert.Equal((4, 1, 4L * Png.Length), SavedImages.Verify(_folder));
    }

    private void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(_folder, name), bytes);
}
