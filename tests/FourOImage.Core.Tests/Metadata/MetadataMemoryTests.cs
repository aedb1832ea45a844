using System;
using System.IO;
using FourOImage.Core.Metadata;
using Xunit;

namespace FourOImage.Core.Tests.Metadata;

/// <summary>
/// Putting the facts into a PNG streams the image through one pooled buffer: reading the download, writing the copy
/// with its text chunks and reading the copy back cost a small, fixed amount of memory, not copies of the image.
/// Counted in bytes allocated on this thread (exact for this synchronous work), not timed.
/// </summary>
public sealed class MetadataMemoryTests : IDisposable
{
    private const int ImageBytes = 400_000;

    private readonly string directory = Directory.CreateTempSubdirectory("fouro-meta-mem-").FullName;
    private int temps;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(1)] // one IDAT chunk, as the emulator writes
    [InlineData(49)] // 8 KiB IDAT chunks, as many encoders write
    public void Writing_and_verifying_the_chunks_allocates_a_small_fixed_amount_whatever_the_image_size(int idatChunks)
    {
        string downloaded = Path.Combine(directory, "download.partial");
        File.WriteAllBytes(downloaded, Png(idatChunks));
        var facts = new ImageInfo { TaskId = "5fd1b68dbca66cddf73654e72e2094ea", Index = 0, Variants = 1, Size = "1:1", Prompt = "a fox", Software = ImageFacts.Software };

        Prepare(downloaded, facts); // the pool's buffer is rented (and allocated) once per thread
        long before = GC.GetAllocatedBytesForCurrentThread();
        string copy = Prepare(downloaded, facts);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("PNG", ImageInfoReader.Read(copy).MetadataSource);
        // Before the buffers were pooled and the file streams' buffers cut to 4 KiB: 4 x 160 KiB per image.
        Assert.True(allocated < 64 * 1024, $"writing the metadata of a {ImageBytes}-byte PNG allocated {allocated} bytes");
    }

    private string Prepare(string downloaded, ImageInfo facts)
    {
        PreparedImage prepared = SavedImageMetadata.Prepare(downloaded, Path.Combine(directory, "final.png"), facts, replace: false,
            name => Path.Combine(directory, $"t{temps++}-{name}"))!;
        Assert.Equal(MetadataPlacement.PngChunks, prepared.Placement);
        return prepared.PathToMove;
    }

    private static byte[] Png(int idatChunks)
    {
        var random = new Random(7);
        var png = new TestPng();
        var header = new byte[13];
        header[3] = 64;
        header[7] = 64;
        header[8] = 8;
        header[9] = 2;
        png.Add("IHDR", header);
        int each = ImageBytes / idatChunks;
        for (int i = 0; i < idatChunks; i++)
        {
            var data = new byte[each];
            random.NextBytes(data);
            png.Add("IDAT", data);
        }

        return png.Bytes();
    }
}
