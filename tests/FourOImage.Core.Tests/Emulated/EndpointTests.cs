using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>Every endpoint against the emulator over loopback HTTP.</summary>
public class EndpointTests
{
    [Fact]
    public async Task Generate_then_record_info_then_download_url_then_image()
    {
        await using var emulator = await TestEmulator.StartWithSlowTasksAsync();
        var client = TestEmulator.ClientFor(emulator);

        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "a red fox", Size = "3:2", Variants = 2 });
        var running = await client.GetTaskAsync(taskId);
        var done = await TestEmulator.FinishAsync(emulator, client, taskId);

        Assert.False(string.IsNullOrWhiteSpace(taskId));
        Assert.Equal(taskId, running.TaskId);
        Assert.Equal(TaskState.Generating, running.Status);
        Assert.Empty(running.ResultUrls);
        Assert.Equal(TaskState.Success, done.Status);
        Assert.Equal(2, done.ResultUrls.Count);
        Assert.Equal("a red fox", done.Prompt);
        Assert.Equal("3:2", done.Size);
        Assert.NotNull(done.CreateTime);
        Assert.True(done.CompleteTime >= done.CreateTime);

        var presigned = await client.GetDownloadUrlAsync(taskId, done.ResultUrls[1]);
        Assert.True(presigned.IsAbsoluteUri);

        foreach (var url in new[] { new Uri(done.ResultUrls[0]), presigned })
        {
            using var response = await client.GetImageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("image/png", ImageSignature.MimeType(bytes, bytes.Length));
        }
    }

    [Fact]
    public async Task Non_ascii_prompt_survives_the_round_trip_through_paramJson()
    {
        const string prompt = "Café 東京 🌸 — «naïve» Ωμέγα";
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = prompt });
        var task = await client.GetTaskAsync(taskId);

        Assert.Equal(prompt, task.Prompt);
    }

    [Fact]
    public async Task Submit_answers_a_generating_task_that_carries_the_request()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var submitted = await client.SubmitAsync(new GenerateRequest { Prompt = "a heron", Size = "2:3", Variants = 4 });
        var polled = await client.GetTaskAsync(submitted.TaskId);

        Assert.Equal(TaskState.Generating, submitted.Status);
        Assert.Equal("a heron", submitted.Prompt);
        Assert.Equal("2:3", submitted.Size);
        Assert.Equal(4, submitted.Variants);
        Assert.Equal(submitted.TaskId, polled.TaskId);
        Assert.Equal(1, TestEmulator.Count(emulator, "generate"));
    }

    [Fact]
    public async Task Credit_is_decimal_and_generate_debits_per_image()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.CreditsPerImage = 1.5m);
        var client = TestEmulator.ClientFor(emulator);
        emulator.SetCredits(emulator.ApiKey, 5916.25m);

        Assert.Equal(5916.25m, await client.GetCreditAsync());
        await client.GenerateAsync(new GenerateRequest { Prompt = "two cats", Variants = 2 });
        Assert.Equal(5913.25m, await client.GetCreditAsync());
    }

    [Fact]
    public async Task Requests_carry_the_key_and_the_service_field_names()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var taskId = await client.GenerateAsync(new GenerateRequest
        {
            FilesUrl = { emulator.ImageBaseUrl + "input.png" },
            Size = "2:3",
            Variants = 4,
            Enhance = true,
            EnableFallback = true,
            FallbackModel = "GPT_IMAGE_1",
        });
        var task = await client.GetTaskAsync(taskId);

        Assert.Equal("2:3", task.Size);
        Assert.Equal(4, task.Variants);
        using var echo = System.Text.Json.JsonDocument.Parse(task.ParamJson!);
        Assert.True(echo.RootElement.GetProperty("isEnhance").GetBoolean());
        Assert.Equal("GPT_IMAGE_1", echo.RootElement.GetProperty("fallbackModel").GetString());
        Assert.Equal(emulator.ImageBaseUrl + "input.png", echo.RootElement.GetProperty("filesUrl")[0].GetString());
        Assert.All(emulator.RequestLog.Where(e => e.Host == "api"), e => Assert.True(e.HadAuthorization));
    }
}
