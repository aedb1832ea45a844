using System;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class RecordInfoTests
{
    [Fact]
    public async Task A_task_is_generating_then_succeeds_with_one_result_url_per_variant_on_the_image_host()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMinutes(1));
        var taskId = await emu.GenerateTaskAsync("A serene mountain lake", "3:2", variants: 4);
        Assert.Matches("^[0-9a-f]{32}$", taskId);

        var running = (await emu.RecordInfoAsync(taskId)).GetProperty("data");
        Assert.Equal(taskId, running.GetProperty("taskId").GetString());
        Assert.Equal(0, running.GetProperty("successFlag").GetInt32());
        Assert.Equal("GENERATING", running.GetProperty("status").GetString());
        Assert.Equal("0.00", running.GetProperty("progress").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("response").ValueKind);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("completeTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("errorCode").ValueKind);
        var createTime = running.GetProperty("createTime").GetInt64();
        Assert.InRange(createTime, emu.Server.Now.AddMinutes(-1).ToUnixTimeMilliseconds(), emu.Server.Now.ToUnixTimeMilliseconds());

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(2));
        var done = (await emu.RecordInfoAsync(taskId)).GetProperty("data");
        Assert.Equal(1, done.GetProperty("successFlag").GetInt32());
        Assert.Equal("SUCCESS", done.GetProperty("status").GetString());
        Assert.Equal("1.00", done.GetProperty("progress").GetString());
        Assert.Equal(createTime + 60_000, done.GetProperty("completeTime").GetInt64());
        var urls = done.GetProperty("response").GetProperty("resultUrls");
        Assert.Equal(4, urls.GetArrayLength());
        for (var i = 0; i < 4; i++)
        {
            var url = new Uri(urls[i].GetString()!);
            Assert.Equal(emu.Server.ImageBaseUrl.Authority, url.Authority);
            Assert.Matches(new Regex($"^/s/{taskId}_{i}_\\d{{10}}_\\d{{4}}\\.png$"), url.AbsolutePath);
        }
    }

    [Fact]
    public async Task ParamJson_echoes_the_request_with_the_server_flags()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync("a \"quoted\" fox", "2:3", variants: 2, extra: ",\"isEnhance\":true");

        var paramJson = (await emu.RecordInfoAsync(taskId)).GetProperty("data").GetProperty("paramJson").GetString()!;
        var echo = JsonDocument.Parse(paramJson).RootElement;
        Assert.Equal("a \"quoted\" fox", echo.GetProperty("prompt").GetString());
        Assert.Equal("2:3", echo.GetProperty("size").GetString());
        Assert.Equal(2, echo.GetProperty("nVariants").GetInt32());
        Assert.True(echo.GetProperty("isEnhance").GetBoolean());
        Assert.False(echo.GetProperty("enableFallback").GetBoolean());
        Assert.True(echo.GetProperty("fileUrlOrPromptNotEmpty").GetBoolean());
        Assert.True(echo.GetProperty("nVariantsValid").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_task_or_another_keys_task_is_record_is_null()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.ApiKeys = new[] { "emu_a", "emu_b" });
        var unknown = await emu.RecordInfoAsync("0123456789abcdef0123456789abcdef");
        Assert.Equal(422, unknown.GetProperty("code").GetInt32());
        Assert.Equal("record is null", unknown.GetProperty("msg").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("data").ValueKind);

        var taskId = await emu.GenerateTaskAsync();
        var foreign = await emu.RecordInfoAsync(taskId, key: "emu_b");
        Assert.Equal("record is null", foreign.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_missing_task_id_is_a_422_naming_it()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.CallAsync(System.Net.Http.HttpMethod.Get, "api/v1/gpt4o-image/record-info");
        Assert.Equal(422, answer.GetProperty("code").GetInt32());
        Assert.Contains("taskId", answer.GetProperty("msg").GetString());
    }
}
