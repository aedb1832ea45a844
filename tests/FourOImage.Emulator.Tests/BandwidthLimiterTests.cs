using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FourOImage.Emulator.Images;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class BandwidthLimiterTests
{
    private static TimeSpan Seconds(double value) => TimeSpan.FromSeconds(value);

    [Fact]
    public void Chunks_from_all_responses_share_one_timeline()
    {
        var limiter = new BandwidthLimiter(1000);
        Assert.Equal(Seconds(1), limiter.Reserve(1000, Seconds(0)));
        Assert.Equal(Seconds(1.5), limiter.Reserve(500, Seconds(0))); // a second download waits behind the first
        Assert.Equal(Seconds(2.5), limiter.Reserve(1000, Seconds(0.2)));
    }

    [Fact]
    public void An_idle_host_starts_fresh_with_at_most_a_small_burst_of_catch_up()
    {
        var limiter = new BandwidthLimiter(1000);
        limiter.Reserve(1000, Seconds(0));
        Assert.Equal(Seconds(10.95), limiter.Reserve(1000, Seconds(10)));
    }

    [Fact]
    public async Task Parallel_limited_downloads_all_arrive_complete()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.ImageBytesPerSecond = 16 * 1024 * 1024);
        var taskId = await emu.GenerateTaskAsync(variants: 4);
        var urls = (await emu.FinishAsync(taskId)).GetProperty("response").GetProperty("resultUrls").EnumerateArray().Select(u => u.GetString()!);

        var images = await Task.WhenAll(urls.Select(u => emu.Http.GetByteArrayAsync(u)));

        Assert.All(images, image => Assert.True(Png.EndsWithIend(image)));
        Assert.Equal(4, images.Select(Convert.ToBase64String).Distinct().Count());
        Assert.All(emu.Server.RequestLog.Where(e => e.Host == "image"), e => Assert.Equal((int)HttpStatusCode.OK, e.HttpStatus));
    }
}
