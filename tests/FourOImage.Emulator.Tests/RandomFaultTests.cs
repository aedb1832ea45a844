using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class RandomFaultTests
{
    [Fact]
    public async Task Task_failures_end_with_successFlag_2_CREATE_TASK_FAILED_or_3_GENERATE_FAILED_and_the_documented_messages()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.Faults.TaskFailureRate = 1);
        var seen = new HashSet<int>();
        for (var i = 0; i < 12; i++)
        {
            var record = await emu.FinishAsync(await emu.GenerateTaskAsync());
            var flag = record.GetProperty("successFlag").GetInt32();
            seen.Add(flag);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, record.GetProperty("response").ValueKind);
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, record.GetProperty("completeTime").ValueKind);
            if (flag == 2)
            {
                Assert.Equal(("CREATE_TASK_FAILED", 500, "Please try again later"), Failure(record));
            }
            else
            {
                Assert.Equal(3, flag);
                Assert.Equal(("GENERATE_FAILED", 500, "Internal Error"), Failure(record));
            }
        }

        Assert.Equal(new[] { 2, 3 }, seen.Order());
    }

    [Fact]
    public async Task A_share_of_tasks_fails_and_the_same_seed_fails_the_same_tasks()
    {
        var first = await OutcomesAsync(seed: 7);
        var second = await OutcomesAsync(seed: 7);
        Assert.Equal(first, second);
        Assert.Contains(1, first);
        Assert.Contains(first, flag => flag is 2 or 3);
    }

    [Fact]
    public async Task A_refused_word_ends_the_task_with_the_content_policy_failure()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.RefusedWords = new List<string> { "gore" };
        var refused = await emu.FinishAsync(await emu.GenerateTaskAsync("some GORE please"));
        Assert.Equal(3, refused.GetProperty("successFlag").GetInt32());
        Assert.Equal(("GENERATE_FAILED", 400, "Your content was flagged by OpenAI as violating content policies"), Failure(refused));

        var fine = await emu.FinishAsync(await emu.GenerateTaskAsync("a garden"));
        Assert.Equal(1, fine.GetProperty("successFlag").GetInt32());
    }

    [Fact]
    public async Task Endpoint_rates_inject_faults_repeatably_for_a_seed()
    {
        var first = await CreditCodesAsync(seed: 3);
        var second = await CreditCodesAsync(seed: 3);
        Assert.Equal(first, second);
        Assert.Contains(200, first);
        Assert.Contains(500, first);
        Assert.Contains(550, first);
    }

    [Fact]
    public async Task A_slow_answer_is_delayed_then_served_normally()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.Slow(TimeSpan.FromMilliseconds(150)));
        var answer = await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit");
        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        Assert.Equal("slow-150ms", Assert.Single(emu.Server.RequestLog).Fault);
    }

    [Fact]
    public async Task A_slow_answer_gives_up_when_the_client_does()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.Slow(TimeSpan.FromMinutes(5)));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(emu.Api("api/v1/chat/credit")));
    }

    [Fact]
    public async Task A_truncated_image_advertises_the_full_length_and_breaks_off_midway()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        var full = await emu.Http.GetByteArrayAsync(url);

        emu.Server.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Truncate);
        var (advertised, received) = await emu.GetCutShortAsync(url);

        Assert.Equal(full.Length, advertised);
        Assert.InRange(received.Length, 1, full.Length - 1);
        Assert.Equal(full.Take(received.Length), received);
        Assert.Equal("truncate", emu.Server.RequestLog.Last().Fault);
        Assert.Equal(emu.Server.RequestLog.First().TaskId, emu.Server.RequestLog.Last().TaskId);
    }

    [Fact]
    public async Task Truncate_on_an_api_endpoint_drops_the_connection()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.Truncate);
        await Assert.ThrowsAsync<HttpRequestException>(() => emu.SendAsync(HttpMethod.Get, "api/v1/chat/credit"));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Body_code_faults_on_the_image_host_are_http_statuses(int code)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Image, Fault.WithBodyCode(code, retryAfterSeconds: 2));

        using var failed = await emu.Http.GetAsync(url);
        Assert.Equal(code, (int)failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), failed.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, await emu.StatusOfAsync(url));
    }

    [Fact]
    public async Task Http_status_faults_answer_with_an_html_page()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.DownloadUrl, Fault.WithHttpStatus(503, retryAfterSeconds: 1));
        using var response = await emu.SendAsync(HttpMethod.Post, "api/v1/gpt4o-image/download-url", "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task A_bandwidth_limited_image_arrives_complete()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.ImageBytesPerSecond = 8 * 1024 * 1024);
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        var bytes = await emu.Http.GetByteArrayAsync(url);
        Assert.Equal((1024, 1024), Png.Dimensions(bytes));
        Assert.True(Png.EndsWithIend(bytes));
    }

    [Fact]
    public async Task Reset_removes_rates_words_and_scripted_faults()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.For(EmulatorEndpoints.Credit).Code500 = 1;
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.Drop);
        emu.Server.Faults.RefusedWords = new[] { "x" };
        emu.Server.Faults.TaskFailureRate = 1;

        emu.Server.Faults.Reset();

        Assert.Equal(200, (await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit")).GetProperty("code").GetInt32());
        Assert.Equal(1, (await emu.FinishAsync(await emu.GenerateTaskAsync("x"))).GetProperty("successFlag").GetInt32());
    }

    private static (string, int, string) Failure(System.Text.Json.JsonElement record) =>
        (record.GetProperty("status").GetString()!, record.GetProperty("errorCode").GetInt32(), record.GetProperty("errorMessage").GetString()!);

    private static async Task<int[]> OutcomesAsync(int seed)
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.Seed = seed;
            o.Faults.TaskFailureRate = 0.4;
        });
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await emu.GenerateTaskAsync());
        }

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(1));
        var flags = new List<int>();
        foreach (var id in ids)
        {
            flags.Add((await emu.RecordInfoAsync(id)).GetProperty("data").GetProperty("successFlag").GetInt32());
        }

        return flags.ToArray();
    }

    private static async Task<int[]> CreditCodesAsync(int seed)
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.Seed = seed;
            o.Faults.For(EmulatorEndpoints.Credit).Code500 = 0.3;
            o.Faults.For(EmulatorEndpoints.Credit).Code550 = 0.3;
        });
        var codes = new int[20];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit")).GetProperty("code").GetInt32();
        }

        return codes;
    }
}
