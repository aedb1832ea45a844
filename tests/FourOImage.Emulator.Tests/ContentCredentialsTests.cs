using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

/// <summary>Result images with a caBX (C2PA) chunk, as signed GPT-4o output carries, for clients' sidecar paths.</summary>
public sealed class ContentCredentialsTests
{
    [Fact]
    public async Task By_default_no_image_carries_content_credentials()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var images = await ImageTests.DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 4));
        Assert.All(images, image => Assert.DoesNotContain(Png.Chunks(image), c => c.Type == "caBX"));
    }

    [Fact]
    public async Task At_rate_1_every_image_has_a_c2pa_box_after_ihdr_with_valid_crcs_and_the_same_pixels()
    {
        byte[][] plain, signed;
        await using (var emu = await EmulatorHarness.StartAsync(o => o.Seed = 5))
        {
            plain = await ImageTests.DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 2));
        }

        await using (var emu = await EmulatorHarness.StartAsync(o => { o.Seed = 5; o.ContentCredentialsRate = 1; }))
        {
            signed = await ImageTests.DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 2));
        }

        for (var i = 0; i < 2; i++)
        {
            var chunks = Png.Chunks(signed[i]);
            Assert.Equal(new[] { "IHDR", "caBX", "IDAT", "IEND" }, chunks.Select(c => c.Type));
            var box = chunks[1].Data;
            Assert.Equal("jumb", System.Text.Encoding.ASCII.GetString(box, 4, 4));
            Assert.Contains("c2pa", System.Text.Encoding.ASCII.GetString(box));
            Assert.Equal(Png.ImageData(plain[i]), Png.ImageData(signed[i]));
        }
    }

    [Fact]
    public async Task A_share_of_images_carries_them_drawn_from_the_seed()
    {
        static async Task<bool[]> CarriedAsync()
        {
            await using var emu = await EmulatorHarness.StartAsync(o => { o.Seed = 11; o.ContentCredentialsRate = 0.5; });
            var images = await ImageTests.DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 4), await emu.GenerateTaskAsync(variants: 4), await emu.GenerateTaskAsync(variants: 4));
            return images.Select(image => Png.Chunks(image).Any(c => c.Type == "caBX")).ToArray();
        }

        var first = await CarriedAsync();
        Assert.Contains(true, first);
        Assert.Contains(false, first);
        Assert.Equal(first, await CarriedAsync());
    }

    [Fact]
    public async Task Benchmark_pictures_carry_them_too()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => { o.DistinctPictures = 1; o.ContentCredentialsRate = 1; });
        var images = await ImageTests.DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 2));
        Assert.All(images, image => Assert.Equal(new[] { "IHDR", "caBX", "tEXt", "IDAT", "IEND" }, Png.Chunks(image).Select(c => c.Type)));
    }

    [Fact]
    public async Task A_rate_outside_0_to_1_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { ContentCredentialsRate = 2 }));
        Assert.Contains("ContentCredentialsRate must be between 0 and 1", error.Message);
    }
}
