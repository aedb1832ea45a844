using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>Failed tasks, expired results and the image host as the downloader sees it through <see cref="FourOImageClient.GetImageAsync"/>.</summary>
public class TaskAndImageTests
{
    [Fact]
    public async Task A_refused_prompt_ends_failed_with_the_service_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Faults.RefusedWords = new[] { "forbidden" };
        var client = TestEmulator.ClientFor(emulator);

        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "something forbidden" });
        var task = await TestEmulator.FinishAsync(emulator, client, taskId);

        Assert.Equal(TaskState.Failed, task.Status);
        Assert.True(task.IsFinished);
        Assert.NotNull(task.SuccessFlag);
        Assert.NotEqual(1, task.SuccessFlag);
        Assert.NotNull(task.ErrorCode);
        Assert.False(string.IsNullOrEmpty(task.ErrorMessage));
        Assert.Empty(task.ResultUrls);
    }

    [Fact]
    public async Task Expired_results_come_back_as_http_statuses_not_exceptions()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x" });
        var task = await TestEmulator.FinishAsync(emulator, client, taskId);
        var presigned = await client.GetDownloadUrlAsync(taskId, task.ResultUrls[0]);

        emulator.AdvanceClock(TimeSpan.FromMinutes(30));
        using (var expiredLink = await client.GetImageAsync(presigned))
        {
            Assert.Equal(HttpStatusCode.Forbidden, expiredLink.StatusCode);
        }

        emulator.AdvanceClock(TimeSpan.FromDays(15));
        using (var expiredImage = await client.GetImageAsync(new Uri(task.ResultUrls[0])))
        {
            Assert.Equal(HttpStatusCode.NotFound, expiredImage.StatusCode);
        }

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetDownloadUrlAsync(taskId, task.ResultUrls[0]));
        Assert.Equal(422, error.Code);
        Assert.Equal(1, emulator.RequestLog.Count(e => e.Endpoint == "download-url" && e.BodyCode == 422));
    }

    [Fact]
    public async Task Image_host_faults_raise_typed_errors_for_the_downloader()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var lines = new ConcurrentQueue<string>();
        var client = TestEmulator.ClientFor(emulator, lines);
        var impatient = TestEmulator.ClientFor(emulator, lines, o => o.WithRequestTimeout(TimeSpan.FromSeconds(1)));
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x" });
        var url = new Uri((await TestEmulator.FinishAsync(emulator, client, taskId)).ResultUrls[0]);

        emulator.Faults.Enqueue("image", Fault.Drop, 1);
        var dropped = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetImageAsync(url));

        // A connection made beforehand, so the timeout below runs out while the emulator holds the answer, not while a
        // loaded machine is still connecting (the request would then never reach the log).
        using (await impatient.GetImageAsync(url))
        {
        }

        emulator.Faults.Enqueue("image", Fault.Slow(TimeSpan.FromSeconds(30)), 1);
        var slow = await Assert.ThrowsAsync<FourOImageApiException>(() => impatient.GetImageAsync(url));

        Assert.Equal("image", dropped.Endpoint);
        Assert.Contains(url.AbsolutePath, dropped.Message);
        Assert.Equal(ApiErrorKind.NetworkError, dropped.Kind);
        Assert.True(dropped.IsRetryable);
        Assert.Equal(ApiErrorKind.Timeout, slow.Kind);
        Assert.True(slow.IsRetryable);
        Assert.Equal(3, await TestEmulator.CountSettledAsync(emulator, "image", 3));
        Assert.DoesNotContain(lines, l => l.Contains('?'));
    }

    [Fact]
    public async Task An_edge_429_on_generate_is_retried_and_creates_one_task()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var before = emulator.GetCredits(emulator.ApiKey);
        emulator.Faults.Enqueue("generate", Fault.WithHttpStatus(429), 1);

        await client.GenerateAsync(new GenerateRequest { Prompt = "x" });

        Assert.Equal(2, TestEmulator.Count(emulator, "generate"));
        Assert.Equal(before - emulator.Options.CreditsPerImage, emulator.GetCredits(emulator.ApiKey));
    }

    [Fact]
    public async Task Parallel_calls_through_one_client_all_succeed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.GenerateAsync(new GenerateRequest { Prompt = $"cat {i}" })));
        var tasks = await Task.WhenAll(ids.Select(id => client.GetTaskAsync(id)));

        Assert.Equal(24, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 24).Select(i => $"cat {i}"), tasks.Select(t => t.Prompt));
    }
}
