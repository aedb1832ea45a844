using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class CallbackTests
{
    private static string Extra(CallbackReceiver hook) => $",\"callBackUrl\":\"{hook.Url}\"";

    [Fact]
    public async Task A_successful_task_posts_the_documented_success_payload_once()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMilliseconds(100));
        var taskId = await emu.GenerateTaskAsync(variants: 2, extra: Extra(hook));

        await emu.WaitForCallbacksAsync(1);
        var payload = JsonDocument.Parse(hook.Bodies.Single()).RootElement;
        Assert.Equal(200, payload.GetProperty("code").GetInt32());
        Assert.Equal("success", payload.GetProperty("msg").GetString());
        Assert.Equal(taskId, payload.GetProperty("data").GetProperty("taskId").GetString());
        var urls = payload.GetProperty("data").GetProperty("info").GetProperty("result_urls");
        var record = (await emu.RecordInfoAsync(taskId)).GetProperty("data").GetProperty("response").GetProperty("resultUrls");
        Assert.Equal(record.EnumerateArray().Select(u => u.GetString()), urls.EnumerateArray().Select(u => u.GetString()));

        var delivery = Assert.Single(emu.Server.Callbacks);
        Assert.Equal((taskId, 1, 200, true, false), (delivery.TaskId, delivery.Attempt, delivery.HttpStatus, delivery.Succeeded, delivery.IsDuplicate));
        Assert.Equal(hook.Url, delivery.Url);
    }

    [Fact]
    public async Task A_refused_prompt_posts_the_failure_payload_with_info_null()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(100);
            o.Faults.RefusedWords = new[] { "forbidden" };
        });
        var taskId = await emu.GenerateTaskAsync("a Forbidden thing", extra: Extra(hook));

        await hook.WaitForAsync(1);
        var payload = JsonDocument.Parse(hook.Bodies.Single()).RootElement;
        Assert.Equal(400, payload.GetProperty("code").GetInt32());
        Assert.Contains("content policies", payload.GetProperty("msg").GetString());
        Assert.Equal(taskId, payload.GetProperty("data").GetProperty("taskId").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("data").GetProperty("info").ValueKind);
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_three_times_at_scaled_intervals_then_given_up()
    {
        await using var hook = await CallbackReceiver.StartAsync(500, 503, 500, 500);
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(100);
            o.CallbackRetryScale = 0.0002; // 12 ms, 60 ms, 180 ms
        });
        await emu.GenerateTaskAsync(extra: Extra(hook));

        var deliveries = await emu.WaitForCallbacksAsync(4);

        Assert.Equal(new[] { 1, 2, 3, 4 }, deliveries.Select(d => d.Attempt));
        Assert.Equal(new int?[] { 500, 503, 500, 500 }, deliveries.Select(d => d.HttpStatus));
        Assert.All(deliveries, d => Assert.False(d.Succeeded));
        Assert.True(deliveries[1].Time - deliveries[0].Time >= TimeSpan.FromMinutes(1) * 0.0002);
        Assert.True(deliveries[3].Time - deliveries[2].Time >= TimeSpan.FromMinutes(15) * 0.0002);

        Assert.Equal(4, (await emu.WaitForCallbacksSettledAsync()).Count);
        Assert.Equal(4, hook.Bodies.Count);
    }

    [Fact]
    public async Task A_retry_falls_due_when_the_clock_is_advanced()
    {
        await using var hook = await CallbackReceiver.StartAsync(500);
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMilliseconds(100));
        await emu.GenerateTaskAsync(extra: Extra(hook));
        await emu.WaitForCallbacksAsync(1);

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(1));
        await hook.WaitForAsync(2);
        Assert.Equal(hook.Bodies.First(), hook.Bodies.Last());
    }

    [Fact]
    public async Task An_unreachable_webhook_counts_as_a_failed_delivery()
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(50);
            o.CallbackRetryScale = 1;
        });
        await emu.GenerateTaskAsync(extra: ",\"callBackUrl\":\"http://127.0.0.1:1/hook\"");

        var delivery = (await emu.WaitForCallbacksAsync(1))[0];
        Assert.False(delivery.Succeeded);
        Assert.Null(delivery.HttpStatus);
        Assert.NotNull(delivery.Error);
    }

    [Fact]
    public async Task A_webhook_slower_than_the_timeout_counts_as_failed()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        hook.Delay = TimeSpan.FromSeconds(5);
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(50);
            o.CallbackTimeout = TimeSpan.FromMilliseconds(200);
        });
        await emu.GenerateTaskAsync(extra: Extra(hook));

        var delivery = (await emu.WaitForCallbacksAsync(1))[0];
        Assert.False(delivery.Succeeded);
        Assert.Equal("Timed out", delivery.Error);
    }

    [Fact]
    public async Task Deliver_twice_sends_the_same_payload_a_second_time()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(100);
            o.DeliverCallbacksTwice = true;
        });
        await emu.GenerateTaskAsync(extra: Extra(hook));

        var deliveries = await emu.WaitForCallbacksSettledAsync();
        Assert.Equal(new[] { false, true }, deliveries.Select(d => d.IsDuplicate));
        Assert.Equal(2, hook.Bodies.Count);
        Assert.Single(hook.Bodies.Distinct());
    }

    [Fact]
    public async Task Callbacks_are_signed_like_kie_ai_when_a_signing_key_is_set()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(50);
            o.CallbackSigningKey = "webhook-secret";
        });
        var taskId = await emu.GenerateTaskAsync(extra: Extra(hook));
        await emu.WaitForCallbacksAsync(1);

        var (timestamp, signature) = hook.Signatures.Single();
        Assert.Matches("^[0-9]{10}$", timestamp);
        using var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes("webhook-secret"));
        var expected = Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes($"{taskId}.{timestamp}")));
        Assert.Equal(expected, signature);
    }

    [Fact]
    public async Task Unsigned_callbacks_carry_no_signature_headers()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMilliseconds(50));
        await emu.GenerateTaskAsync(extra: Extra(hook));
        await emu.WaitForCallbacksAsync(1);
        Assert.Equal((null, null), hook.Signatures.Single());
    }

    [Fact]
    public async Task A_duplicate_rate_repeats_some_callbacks_and_the_same_number_for_a_seed()
    {
        var first = await DuplicatesAsync(seed: 5);
        Assert.InRange(first, 1, 7);
        Assert.Equal(first, await DuplicatesAsync(seed: 5));
    }

    [Fact]
    public async Task Tasks_without_a_callback_url_post_nothing()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMilliseconds(10));
        var taskId = await emu.GenerateTaskAsync();
        await emu.FinishAsync(taskId);
        Assert.Empty(await emu.WaitForCallbacksSettledAsync());
    }

    private static async Task<int> DuplicatesAsync(int seed)
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.Seed = seed;
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(50);
            o.CallbackDuplicateRate = 0.5;
        });
        for (var i = 0; i < 8; i++)
        {
            await emu.GenerateTaskAsync(extra: Extra(hook));
        }

        var deliveries = await emu.WaitForCallbacksSettledAsync();
        Assert.Equal(8, deliveries.Count(d => !d.IsDuplicate));
        return deliveries.Count(d => d.IsDuplicate);
    }
}
