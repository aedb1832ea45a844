using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class ScriptedFaultTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(455)]
    [InlineData(500)]
    [InlineData(550)]
    public async Task Enqueued_body_codes_hit_exactly_the_next_calls_then_the_endpoint_recovers(int code)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.WithBodyCode(code), count: 2);

        for (var i = 0; i < 2; i++)
        {
            var failed = await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit");
            Assert.Equal(code, failed.GetProperty("code").GetInt32());
        }

        var ok = await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit");
        Assert.Equal(200, ok.GetProperty("code").GetInt32());
        Assert.Equal(0, emu.Server.Faults.PendingScripted(EmulatorEndpoints.Credit));
        Assert.Equal(new[] { $"body-{code}", $"body-{code}", null }, emu.Server.RequestLog.Select(e => e.Fault));
    }

    [Fact]
    public async Task A_retry_after_goes_with_a_429_when_asked()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.RecordInfo, Fault.WithBodyCode(429, retryAfterSeconds: 3));
        using var response = await emu.SendAsync(HttpMethod.Get, "api/v1/gpt4o-image/record-info?taskId=x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.Contains("\"code\":429", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_generate_hit_by_a_fault_creates_no_task_and_spends_nothing()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.WithBodyCode(500));
        var answer = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\"}");
        Assert.Equal(500, answer.GetProperty("code").GetInt32());
        Assert.Equal(1000m, emu.Server.GetCredits(emu.Server.ApiKey));
        Assert.Null(Assert.Single(emu.Server.RequestLog).TaskId);
    }

    [Fact]
    public async Task Bad_gateway_is_a_real_http_502_with_an_html_body()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.BadGateway);
        using var response = await emu.SendAsync(HttpMethod.Post, "api/v1/gpt4o-image/generate", "{\"prompt\":\"x\",\"size\":\"1:1\"}");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<title>502 Bad Gateway</title>", await response.Content.ReadAsStringAsync());
        Assert.Equal(502, Assert.Single(emu.Server.RequestLog).HttpStatus);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(200)]
    public async Task An_http_status_with_an_empty_body_has_no_content_at_all(int status)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.RecordInfo, Fault.WithHttpStatus(status, emptyBody: true));
        using var response = await emu.SendAsync(HttpMethod.Get, "api/v1/gpt4o-image/record-info?taskId=x");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"http-{status}-empty", Assert.Single(emu.Server.RequestLog).Fault);
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_client_an_exception_and_is_logged_with_status_0()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.RecordInfo, Fault.Drop);
        await Assert.ThrowsAsync<HttpRequestException>(() => emu.SendAsync(HttpMethod.Get, "api/v1/gpt4o-image/record-info?taskId=x"));
        var entry = Assert.Single(emu.Server.RequestLog);
        Assert.Equal((0, "drop", "x"), (entry.HttpStatus, entry.Fault, entry.TaskId));
    }

    [Fact]
    public async Task A_lost_answer_creates_and_charges_the_task_then_closes_the_connection_before_any_answer()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.LostAnswer);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            emu.SendAsync(HttpMethod.Post, "api/v1/gpt4o-image/generate", "{\"prompt\":\"x\",\"size\":\"1:1\",\"nVariants\":2}"));
        var entry = Assert.Single(emu.Server.RequestLog);
        Assert.Equal((0, "lost-answer"), (entry.HttpStatus, entry.Fault));
        Assert.NotNull(entry.TaskId);
        Assert.Equal(997m, emu.Server.GetCredits(emu.Server.ApiKey));
        var task = await emu.CallAsync(HttpMethod.Get, "api/v1/gpt4o-image/record-info?taskId=" + entry.TaskId);
        Assert.Equal(200, task.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_edge_refusal_is_a_403_with_the_firewall_text_not_the_envelope()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.EdgeRefusal);
        using var response = await emu.SendAsync(HttpMethod.Get, "api/v1/chat/credit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("error code: 1010", await response.Content.ReadAsStringAsync());
        Assert.Equal((403, "edge-403"), (Assert.Single(emu.Server.RequestLog).HttpStatus, emu.Server.RequestLog[0].Fault));
    }

    [Fact]
    public async Task The_request_log_keeps_the_user_agent()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, emu.Api("api/v1/chat/credit"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emu.Server.ApiKey);
        request.Headers.UserAgent.ParseAdd("Probe/1.2");
        using (await emu.Http.SendAsync(request))
        {
        }

        using (await emu.SendAsync(HttpMethod.Get, "api/v1/chat/credit"))
        {
        }

        Assert.Equal(new[] { "Probe/1.2", null }, emu.Server.RequestLog.Select(e => e.UserAgent));
    }

    [Fact]
    public async Task Enqueue_rejects_an_unknown_endpoint_name()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var error = Assert.Throws<System.ArgumentException>(() => emu.Server.Faults.Enqueue("generat", Fault.Drop));
        Assert.Contains("record-info", error.Message);
    }
}
