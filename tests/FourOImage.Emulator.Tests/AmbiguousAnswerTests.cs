using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

/// <summary>Issue 16: the service's ambiguous answers, which the emulator can give on demand.</summary>
public sealed class AmbiguousAnswerTests
{
    [Fact]
    public async Task A_new_record_stays_invisible_for_the_delay_answering_record_is_null_then_shows()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.Faults.NewRecordDelay = TimeSpan.FromSeconds(3));
        var taskId = await emu.GenerateTaskAsync();

        var early = await emu.RecordInfoAsync(taskId);
        Assert.Equal((422, "record is null"), (early.GetProperty("code").GetInt32(), early.GetProperty("msg").GetString()));
        Assert.Equal(JsonValueKind.Null, early.GetProperty("data").ValueKind);

        emu.Server.AdvanceClock(TimeSpan.FromSeconds(3));
        var later = await emu.RecordInfoAsync(taskId);
        Assert.Equal(200, later.GetProperty("code").GetInt32());
        Assert.Equal(taskId, later.GetProperty("data").GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task The_invisible_record_can_be_answered_as_data_null_with_code_200()
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.Faults.NewRecordDelay = TimeSpan.FromSeconds(3);
            o.Faults.InvisibleRecordAnswer = InvisibleRecordAnswer.DataNull;
        });
        var taskId = await emu.GenerateTaskAsync();

        var early = await emu.RecordInfoAsync(taskId);

        Assert.Equal(200, early.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, early.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task A_drawn_delay_falls_between_the_two_bounds_and_repeats_for_a_seed()
    {
        async Task<int[]> VisibleAfterAsync()
        {
            // The clock stopped: seconds pass only when the test says, however slow the machine is.
            await using var emu = await EmulatorHarness.StartAsync(o =>
            {
                o.ClockStopped = true;
                o.Faults.NewRecordDelay = TimeSpan.FromSeconds(1);
                o.Faults.MaxNewRecordDelay = TimeSpan.FromSeconds(5);
            });
            var ids = new[] { await emu.GenerateTaskAsync(), await emu.GenerateTaskAsync(), await emu.GenerateTaskAsync(), await emu.GenerateTaskAsync() };
            var seconds = new int[ids.Length];
            for (var second = 0; second <= 6; second++)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    if (seconds[i] == 0 && (await emu.RecordInfoAsync(ids[i])).GetProperty("code").GetInt32() == 200)
                    {
                        seconds[i] = second;
                    }
                }

                emu.Server.AdvanceClock(TimeSpan.FromSeconds(1));
            }

            return seconds;
        }

        var first = await VisibleAfterAsync();
        Assert.All(first, s => Assert.InRange(s, 1, 6));
        Assert.True(first.Distinct().Count() > 1, "the delays are drawn, not fixed");
        Assert.Equal(first, await VisibleAfterAsync());
    }

    [Fact]
    public async Task The_delay_is_live_and_turning_it_on_does_not_shift_task_ids()
    {
        await using var plain = await EmulatorHarness.StartAsync();
        await using var delayed = await EmulatorHarness.StartAsync();
        delayed.Server.Faults.NewRecordDelay = TimeSpan.FromMinutes(1);

        var a = await plain.GenerateTaskAsync();
        var b = await delayed.GenerateTaskAsync();

        Assert.Equal(a, b);
        Assert.Equal(200, (await plain.RecordInfoAsync(a)).GetProperty("code").GetInt32());
        Assert.Equal(422, (await delayed.RecordInfoAsync(b)).GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData(402, "The current credits are insufficient. Please top up.")]
    [InlineData(429, "The current credits are insufficient. Please top up.")]
    [InlineData(500, "Credits insufficient : Your current balance isn't enough to run this request")]
    public async Task An_empty_balance_is_answered_with_the_chosen_code_and_the_live_message(int code, string message)
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.Faults.InsufficientCreditsCode = code);
        emu.Server.SetCredits(emu.Server.ApiKey, 0m);

        var answer = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\"}");

        Assert.Equal((code, message), (answer.GetProperty("code").GetInt32(), answer.GetProperty("msg").GetString()));
        Assert.DoesNotContain(emu.Server.RequestLog, e => e.TaskId != null);
    }

    [Fact]
    public async Task The_credits_code_and_the_record_delay_can_be_set_over_http_and_a_bad_code_is_refused()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        using (var put = await emu.Http.PutAsync(new Uri(emu.Server.AdminUrl, "faults"), new StringContent(
            "{\"insufficientCreditsCode\":429,\"newRecordDelay\":\"00:00:02\",\"invisibleRecordAnswer\":\"dataNull\"}",
            System.Text.Encoding.UTF8,
            "application/json")))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        Assert.Equal((429, TimeSpan.FromSeconds(2), InvisibleRecordAnswer.DataNull),
            (emu.Server.Faults.InsufficientCreditsCode, emu.Server.Faults.NewRecordDelay, emu.Server.Faults.InvisibleRecordAnswer));
        Assert.Throws<ArgumentOutOfRangeException>(() => emu.Server.Faults.InsufficientCreditsCode = 403);
    }

    [Fact]
    public async Task Download_url_without_a_task_id_answers_in_Chinese_as_the_live_service_does()
    {
        await using var emu = await EmulatorHarness.StartAsync();

        var answer = await emu.CallAsync(HttpMethod.Post, "api/v1/gpt4o-image/download-url", "{\"taskId\":\"\",\"url\":\"https://x/y.png\"}");

        Assert.Equal((422, "任务id不能为空"), (answer.GetProperty("code").GetInt32(), answer.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task A_scripted_body_code_can_carry_any_message()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.WithBodyCode(422, message: "提示词不能为空"));

        var answer = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\"}");

        Assert.Equal((422, "提示词不能为空"), (answer.GetProperty("code").GetInt32(), answer.GetProperty("msg").GetString()));
    }
}
