using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class AdminTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> AdminAsync(EmulatorHarness emu, HttpMethod method, string relative, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(emu.Server.AdminUrl, relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await emu.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Faults_can_be_read_replaced_and_reset_over_http()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var put = await AdminAsync(emu, HttpMethod.Put, "faults",
            "{\"taskFailureRate\":0.25,\"refusedWords\":[\"gore\"],\"endpoints\":{\"credit\":{\"code500\":1}}}");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(0.25, emu.Server.Faults.TaskFailureRate);
        Assert.Equal(new[] { "gore" }, emu.Server.Faults.RefusedWords);
        Assert.Equal(500, (await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit")).GetProperty("code").GetInt32());

        var (_, read) = await AdminAsync(emu, HttpMethod.Get, "faults");
        Assert.Equal(1, read.GetProperty("endpoints").GetProperty("credit").GetProperty("code500").GetDouble());

        await AdminAsync(emu, HttpMethod.Delete, "faults");
        Assert.Equal(200, (await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit")).GetProperty("code").GetInt32());
        Assert.Equal(0, emu.Server.Faults.TaskFailureRate);
    }

    [Fact]
    public async Task A_scripted_fault_can_be_enqueued_over_http()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var (status, body) = await AdminAsync(emu, HttpMethod.Post, "faults/enqueue", "{\"endpoint\":\"credit\",\"kind\":\"bodyCode\",\"code\":455,\"count\":2}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("pending").GetInt32());
        Assert.Equal(455, (await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit")).GetProperty("code").GetInt32());
        Assert.Equal(1, emu.Server.Faults.PendingScripted("credit"));
    }

    [Fact]
    public async Task An_empty_body_http_fault_can_be_enqueued_over_http()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        await AdminAsync(emu, HttpMethod.Post, "faults/enqueue", "{\"endpoint\":\"credit\",\"kind\":\"httpStatus\",\"code\":502,\"emptyBody\":true}");
        using var response = await emu.SendAsync(HttpMethod.Get, "api/v1/chat/credit");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task The_clock_advances_over_http_and_finishes_tasks()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromHours(1));
        var taskId = await emu.GenerateTaskAsync();
        var (status, clock) = await AdminAsync(emu, HttpMethod.Post, "clock/advance?seconds=3600");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3600, clock.GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(1, (await emu.RecordInfoAsync(taskId)).GetProperty("data").GetProperty("successFlag").GetInt32());
    }

    [Fact]
    public async Task Credits_can_be_read_and_set_over_http()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.ApiKeys = new[] { "emu_admin_test" });
        var (_, set) = await AdminAsync(emu, HttpMethod.Put, "credits?key=emu_admin_test&credits=12.5");
        Assert.Equal(12.5m, set.GetProperty("credits").GetDecimal());
        Assert.Equal(12.5m, emu.Server.GetCredits("emu_admin_test"));

        var (status, unknown) = await AdminAsync(emu, HttpMethod.Get, "credits?key=nope");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("nope", unknown.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_request_log_is_served_and_cleared_over_http_and_never_holds_the_key()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync();
        await AdminAsync(emu, HttpMethod.Get, $"credits?key={emu.Server.ApiKey}");

        using (var raw = await emu.Http.GetAsync(new Uri(emu.Server.AdminUrl, "requests")))
        {
            var text = await raw.Content.ReadAsStringAsync();
            Assert.DoesNotContain(emu.Server.ApiKey, text);
            var entries = JsonDocument.Parse(text).RootElement;
            Assert.Equal(2, entries.GetArrayLength());
            Assert.Equal("generate", entries[0].GetProperty("endpoint").GetString());
            Assert.Equal(taskId, entries[0].GetProperty("taskId").GetString());
            Assert.True(entries[0].GetProperty("hadAuthorization").GetBoolean());
            Assert.Equal(("admin", "/admin/credits"), (entries[1].GetProperty("host").GetString(), entries[1].GetProperty("path").GetString()));
        }

        await AdminAsync(emu, HttpMethod.Delete, "requests");
        Assert.Equal("/admin/requests", Assert.Single(emu.Server.RequestLog).Path);
    }

    [Fact]
    public async Task Callbacks_are_listed_over_http()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMilliseconds(50));
        var taskId = await emu.GenerateTaskAsync(extra: $",\"callBackUrl\":\"{hook.Url}\"");
        await emu.WaitForCallbacksAsync(1);

        var (_, list) = await AdminAsync(emu, HttpMethod.Get, "callbacks");
        Assert.Equal(taskId, list[0].GetProperty("taskId").GetString());
        Assert.True(list[0].GetProperty("succeeded").GetBoolean());
    }

    [Theory]
    [InlineData("PUT", "faults", "{\"endpoints\":{\"nowhere\":{\"drop\":1}}}", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "faults", "not json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "clock/advance?seconds=soon", null, HttpStatusCode.BadRequest)]
    [InlineData("POST", "clock/advance?seconds=-5", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "nothing", null, HttpStatusCode.NotFound)]
    public async Task Bad_admin_calls_are_client_errors_with_a_message(string method, string path, string? body, HttpStatusCode expected)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var (status, answer) = await AdminAsync(emu, new HttpMethod(method), path, body);
        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Admin_and_unknown_paths_are_logged_under_their_own_names()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        await AdminAsync(emu, HttpMethod.Get, "");
        var unknown = await emu.CallAsync(HttpMethod.Get, "api/v1/nothing");
        Assert.Equal(404, unknown.GetProperty("code").GetInt32());
        Assert.Equal(new[] { ("admin", "admin"), ("api", "other") }, emu.Server.RequestLog.Select(e => (e.Host, e.Endpoint)));
    }
}
