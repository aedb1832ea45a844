using System;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class DownloadUrlTests
{
    [Fact]
    public async Task Download_url_is_a_presigned_string_on_the_image_host_that_expires_after_20_minutes()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync();
        var resultUrl = await emu.FirstResultUrlAsync(taskId);

        var answer = await emu.DownloadUrlAsync(taskId, resultUrl);
        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        var presigned = new Uri(answer.GetProperty("data").GetString()!);
        Assert.Equal(emu.Server.ImageBaseUrl.Authority, presigned.Authority);
        Assert.Contains("X-Amz-Expires=1200", presigned.Query);
        Assert.Contains("X-Amz-Date=", presigned.Query);
        Assert.Matches("X-Amz-Signature=[0-9a-f]{64}", presigned.Query);

        var direct = await emu.Http.GetByteArrayAsync(resultUrl);
        Assert.Equal(direct, await emu.Http.GetByteArrayAsync(presigned));

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, await emu.StatusOfAsync(presigned.AbsoluteUri));

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(2));
        using var expired = await emu.Http.GetAsync(presigned);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tampered_signature_is_refused()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync(variants: 2);
        var urls = (await emu.FinishAsync(taskId)).GetProperty("response").GetProperty("resultUrls");
        var presigned = (await emu.DownloadUrlAsync(taskId, urls[0].GetString()!)).GetProperty("data").GetString()!;
        var other = presigned.Replace($"{taskId}_0_", $"{taskId}_1_");

        Assert.Equal(HttpStatusCode.Forbidden, await emu.StatusOfAsync(other));
    }

    [Fact]
    public async Task Download_url_refuses_unknown_unfinished_and_old_records()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMinutes(1));
        var unknown = await emu.DownloadUrlAsync("0123456789abcdef0123456789abcdef", "http://x/a.png");
        Assert.Equal((422, "record is null"), (unknown.GetProperty("code").GetInt32(), unknown.GetProperty("msg").GetString()));

        var taskId = await emu.GenerateTaskAsync();
        var running = await emu.DownloadUrlAsync(taskId, "http://x/a.png");
        Assert.Equal((422, "record status is not success"), (running.GetProperty("code").GetInt32(), running.GetProperty("msg").GetString()));

        var url = await emu.FirstResultUrlAsync(taskId);
        emu.Server.AdvanceClock(TimeSpan.FromDays(15));
        var old = await emu.DownloadUrlAsync(taskId, url);
        Assert.Equal((422, "Temporarily supports records within 14 days"), (old.GetProperty("code").GetInt32(), old.GetProperty("msg").GetString()));
    }

    [Theory]
    [InlineData("{\"url\":\"http://x/a.png\"}", "任务id")] // the live answer: "task id cannot be empty", in Chinese
    [InlineData("{\"taskId\":\"abc\"}", "url")]
    public async Task Download_url_requires_task_id_and_url(string body, string field)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.CallAsync(System.Net.Http.HttpMethod.Post, "api/v1/gpt4o-image/download-url", body);
        Assert.Equal(422, answer.GetProperty("code").GetInt32());
        Assert.Contains(field, answer.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_url_of_another_task_is_refused()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var first = await emu.GenerateTaskAsync();
        var second = await emu.GenerateTaskAsync();
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(10));
        var url = (await emu.RecordInfoAsync(second)).GetProperty("data").GetProperty("response").GetProperty("resultUrls")[0].GetString()!;
        var answer = await emu.DownloadUrlAsync(first, url);
        Assert.Equal(422, answer.GetProperty("code").GetInt32());
    }
}
