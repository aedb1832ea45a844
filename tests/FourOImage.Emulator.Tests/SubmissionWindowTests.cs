using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

/// <summary>The service's submission window: 20 new generation requests per 10 s per account, the excess a 429 that is dropped.</summary>
public sealed class SubmissionWindowTests
{
    private const string Body = "{\"prompt\":\"a lighthouse\",\"size\":\"1:1\"}";

    [Fact]
    public async Task The_21st_generate_within_10_seconds_is_a_429_in_the_envelope_with_no_task_and_no_charge()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var admitted = Enumerable.Range(0, 20).Select(_ => emu.GenerateTaskAsync()).ToArray();
        await Task.WhenAll(admitted);
        var credits = emu.Server.GetCredits(emu.Server.ApiKey);

        var rejected = await emu.GenerateAsync(Body);

        Assert.Equal(429, rejected.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("data").ValueKind);
        Assert.DoesNotContain("credit", rejected.GetProperty("msg").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(credits, emu.Server.GetCredits(emu.Server.ApiKey));
        var entry = emu.Server.RequestLog.Last();
        Assert.Equal((EmulatorEndpoints.Generate, 200, 429, RequestLimits.SubmissionWindow), (entry.Endpoint, entry.HttpStatus, entry.BodyCode, entry.Limit));
        Assert.Null(entry.TaskId);
        Assert.Equal(20, emu.Server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.Generate && e.BodyCode == 200));
    }

    [Fact]
    public async Task The_window_slides_and_a_rejected_request_does_not_count()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.SubmissionLimit = 4);
        for (var i = 0; i < 2; i++) await emu.GenerateTaskAsync();
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 2; i++) await emu.GenerateTaskAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(429, (await emu.GenerateAsync(Body)).GetProperty("code").GetInt32());

        // The first two leave the window at 10 s, the next two only at 15 s; the three refused ones never counted.
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 2; i++) await emu.GenerateTaskAsync();
        Assert.Equal(429, (await emu.GenerateAsync(Body)).GetProperty("code").GetInt32());
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(5));
        await emu.GenerateTaskAsync();
    }

    [Fact]
    public async Task Each_account_has_its_own_window()
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.ApiKeys = new[] { "emu_first", "emu_second" };
            o.SubmissionLimit = 2;
        });
        for (var i = 0; i < 2; i++) await emu.GenerateTaskAsync();
        Assert.Equal(429, (await emu.GenerateAsync(Body, "emu_first")).GetProperty("code").GetInt32());

        Assert.Equal(200, (await emu.GenerateAsync(Body, "emu_second")).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Record_info_and_credit_calls_do_not_count()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.SubmissionLimit = 1);
        var taskId = await emu.GenerateTaskAsync();
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(10));
        await emu.RecordInfoAsync(taskId);
        await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit");

        Assert.Equal(200, (await emu.GenerateAsync(Body)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_limit_of_0_turns_the_window_off()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.SubmissionLimit = 0);
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => emu.GenerateAsync(Body)));
        Assert.All(answers, a => Assert.Equal(200, a.GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task The_window_can_be_read_and_changed_while_running_in_code_and_over_http()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.SubmissionLimit = 1);
        await emu.GenerateTaskAsync();
        Assert.Equal(429, (await emu.GenerateAsync(Body)).GetProperty("code").GetInt32());

        emu.Server.SubmissionWindow.Limit = 2;
        await emu.GenerateTaskAsync();

        using (var put = new HttpRequestMessage(HttpMethod.Put, new Uri(emu.Server.AdminUrl, "submission-window"))
        {
            Content = new StringContent("{\"limit\":5,\"windowSeconds\":2}", Encoding.UTF8, "application/json"),
        })
        using (var response = await emu.Http.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal((5, TimeSpan.FromSeconds(2)), (emu.Server.SubmissionWindow.Limit, emu.Server.SubmissionWindow.Length));
        var read = JsonDocument.Parse(await emu.Http.GetStringAsync(new Uri(emu.Server.AdminUrl, "submission-window"))).RootElement;
        Assert.Equal((5, 2.0), (read.GetProperty("limit").GetInt32(), read.GetProperty("windowSeconds").GetDouble()));
        for (var i = 0; i < 3; i++) await emu.GenerateTaskAsync();
        Assert.Equal(429, (await emu.GenerateAsync(Body)).GetProperty("code").GetInt32());
        emu.Server.AdvanceClock(TimeSpan.FromSeconds(2));
        await emu.GenerateTaskAsync();

        using var bad = new HttpRequestMessage(HttpMethod.Put, new Uri(emu.Server.AdminUrl, "submission-window"))
        {
            Content = new StringContent("{\"limit\":-1}", Encoding.UTF8, "application/json"),
        };
        using var refused = await emu.Http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
