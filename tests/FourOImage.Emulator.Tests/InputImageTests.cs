using System;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class InputImageTests
{
    private static async Task<string> UploadAsync(EmulatorHarness emu, int size = 4) =>
        (await emu.UploadAsync(new byte[size], "inputs")).GetProperty("data").GetProperty("downloadUrl").GetString()!;

    private static async Task<JsonElement> EditAsync(EmulatorHarness emu, string imageUrl, string? maskUrl = null)
    {
        var mask = maskUrl is null ? "" : $",\"maskUrl\":\"{maskUrl}\"";
        var answer = await emu.GenerateAsync($"{{\"size\":\"1:1\",\"prompt\":\"edit\",\"filesUrl\":[\"{imageUrl}\"]{mask}}}");
        return await emu.FinishAsync(answer.GetProperty("data").GetProperty("taskId").GetString()!);
    }

    [Fact]
    public async Task Uploaded_images_results_and_outside_urls_are_fetchable()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var uploaded = await UploadAsync(emu);
        Assert.Equal(1, (await EditAsync(emu, uploaded, maskUrl: uploaded)).GetProperty("successFlag").GetInt32());

        var result = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        Assert.Equal(1, (await EditAsync(emu, result)).GetProperty("successFlag").GetInt32());

        Assert.Equal(1, (await EditAsync(emu, "https://example.com/cat.png")).GetProperty("successFlag").GetInt32());
    }

    [Fact]
    public async Task A_missing_or_expired_image_on_the_image_host_fails_the_task_with_451()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var missing = await EditAsync(emu, new Uri(emu.Server.ImageBaseUrl, "u/nothing/here.png").AbsoluteUri);
        Assert.Equal((2, 451), (missing.GetProperty("successFlag").GetInt32(), missing.GetProperty("errorCode").GetInt32()));
        Assert.Contains("Failed to fetch the image", missing.GetProperty("errorMessage").GetString());

        var uploaded = await UploadAsync(emu);
        emu.Server.AdvanceClock(TimeSpan.FromDays(4));
        var expired = await EditAsync(emu, uploaded);
        Assert.Equal(451, expired.GetProperty("errorCode").GetInt32());
    }

    [Fact]
    public async Task An_uploaded_image_over_25_MiB_fails_the_task_with_the_size_message()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var uploaded = await UploadAsync(emu, 25 * 1024 * 1024 + 1);
        var record = await EditAsync(emu, uploaded);
        Assert.Equal((400, "Image size exceeds maximum of 26214400 bytes"), (record.GetProperty("errorCode").GetInt32(), record.GetProperty("errorMessage").GetString()));
    }

    [Fact]
    public async Task A_mask_that_cannot_be_fetched_fails_the_task_too()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var uploaded = await UploadAsync(emu);
        var record = await EditAsync(emu, uploaded, maskUrl: new Uri(emu.Server.ImageBaseUrl, "s/none_0_1_0000.png").AbsoluteUri);
        Assert.Equal(451, record.GetProperty("errorCode").GetInt32());
    }
}
