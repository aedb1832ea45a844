using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class ImageTests
{
    [Theory]
    [InlineData("1:1", 1024, 1024)]
    [InlineData("3:2", 1536, 1024)]
    [InlineData("2:3", 1024, 1536)]
    public async Task Result_images_are_real_pngs_at_the_services_dimensions(string size, int width, int height)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync(size: size);
        var url = await emu.FirstResultUrlAsync(taskId);

        using var response = await emu.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.True(Png.HasSignature(bytes));
        Assert.True(Png.EndsWithIend(bytes));
        Assert.Equal((width, height), Png.Dimensions(bytes));
    }

    [Fact]
    public async Task Images_differ_per_variant_and_task_and_repeat_for_the_same_seed()
    {
        byte[][] first, second;
        await using (var emu = await EmulatorHarness.StartAsync(o => o.Seed = 42))
        {
            first = await DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 2), await emu.GenerateTaskAsync());
        }

        await using (var emu = await EmulatorHarness.StartAsync(o => o.Seed = 42))
        {
            second = await DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 2), await emu.GenerateTaskAsync());
        }

        Assert.Equal(3, first.Length);
        Assert.Equal(3, first.Select(Convert.ToBase64String).Distinct().Count());
        Assert.Equal(first.Select(Convert.ToBase64String), second.Select(Convert.ToBase64String));
    }

    [Fact]
    public async Task With_few_distinct_pictures_images_share_pixels_but_still_differ_and_are_complete_pngs()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.DistinctPictures = 1);
        var images = await DownloadAllAsync(emu, await emu.GenerateTaskAsync(variants: 2), await emu.GenerateTaskAsync(size: "3:2"));

        Assert.Equal(3, images.Select(Convert.ToBase64String).Distinct().Count());
        Assert.All(images, image => Assert.True(Png.HasSignature(image) && Png.EndsWithIend(image)));
        Assert.Equal((1024, 1024), Png.Dimensions(images[0]));
        Assert.Equal((1536, 1024), Png.Dimensions(images[2]));
        Assert.Equal(Convert.ToBase64String(Png.ImageData(images[0])), Convert.ToBase64String(Png.ImageData(images[1])));
    }

    [Fact]
    public async Task A_different_seed_gives_different_images()
    {
        await using var one = await EmulatorHarness.StartAsync(o => o.Seed = 1);
        await using var two = await EmulatorHarness.StartAsync(o => o.Seed = 2);
        var a = await DownloadAllAsync(one, await one.GenerateTaskAsync());
        var b = await DownloadAllAsync(two, await two.GenerateTaskAsync());
        Assert.NotEqual(Convert.ToBase64String(a[0]), Convert.ToBase64String(b[0]));
    }

    [Fact]
    public async Task The_image_host_answers_404_for_unknown_or_unfinished_results()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMinutes(5));
        var taskId = await emu.GenerateTaskAsync();
        Assert.Equal(HttpStatusCode.NotFound, await emu.StatusOfAsync(new Uri(emu.Server.ImageBaseUrl, "s/nothing_0_1_0000.png").AbsoluteUri));
        Assert.Equal(HttpStatusCode.NotFound, await emu.StatusOfAsync(new Uri(emu.Server.ImageBaseUrl, $"s/{taskId}_0_1_0000.png").AbsoluteUri));
    }

    [Fact]
    public async Task Result_urls_expire_14_days_after_completion()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync();
        var url = await emu.FirstResultUrlAsync(taskId);

        emu.Server.AdvanceClock(TimeSpan.FromDays(13));
        Assert.Equal(HttpStatusCode.OK, await emu.StatusOfAsync(url));

        emu.Server.AdvanceClock(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.NotFound, await emu.StatusOfAsync(url));
    }

    [Fact]
    public async Task The_image_host_is_another_port_and_never_sees_an_authorization_header_from_a_plain_client()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        Assert.NotEqual(emu.Server.ApiBaseUrl.Port, emu.Server.ImageBaseUrl.Port);
        var taskId = await emu.GenerateTaskAsync();
        var url = await emu.FirstResultUrlAsync(taskId);
        await emu.StatusOfAsync(url);

        var log = emu.Server.RequestLog;
        var image = Assert.Single(log, e => e.Host == "image");
        Assert.False(image.HadAuthorization);
        Assert.Equal(taskId, image.TaskId);
        Assert.Equal(EmulatorEndpoints.Image, image.Endpoint);
        Assert.All(log.Where(e => e.Host == "api"), e => Assert.True(e.HadAuthorization));
    }

    [Fact]
    public async Task The_log_shows_an_authorization_header_that_did_reach_the_image_host()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emu.Server.ApiKey);
        using (await emu.Http.SendAsync(request))
        {
        }

        Assert.True(Assert.Single(emu.Server.RequestLog, e => e.Host == "image").HadAuthorization);
    }

    [Fact]
    public async Task Head_answers_the_length_without_a_body()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        var bytes = await emu.Http.GetByteArrayAsync(url);
        using var head = await emu.Http.SendAsync(new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
    }

    internal static async Task<byte[][]> DownloadAllAsync(EmulatorHarness emu, params string[] taskIds)
    {
        var images = new System.Collections.Generic.List<byte[]>();
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(10));
        foreach (var taskId in taskIds)
        {
            var urls = (await emu.RecordInfoAsync(taskId)).GetProperty("data").GetProperty("response").GetProperty("resultUrls");
            foreach (var url in urls.EnumerateArray())
            {
                images.Add(await emu.Http.GetByteArrayAsync(url.GetString()));
            }
        }

        return images.ToArray();
    }
}
