using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class AuthTests
{
    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "emu_wrong")]
    public async Task Every_api_endpoint_answers_401_in_the_body_without_a_valid_key(bool auth, string? key)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var calls = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, "api/v1/gpt4o-image/generate", "{\"prompt\":\"x\",\"size\":\"1:1\"}"),
            (HttpMethod.Get, "api/v1/gpt4o-image/record-info?taskId=abc", null),
            (HttpMethod.Post, "api/v1/gpt4o-image/download-url", "{\"taskId\":\"a\",\"url\":\"http://x/y.png\"}"),
            (HttpMethod.Get, "api/v1/chat/credit", null),
        };

        foreach (var (method, path, body) in calls)
        {
            var answer = await emu.CallAsync(method, path, body, key, auth);
            Assert.Equal(401, answer.GetProperty("code").GetInt32());
            Assert.Equal("You do not have access permissions", answer.GetProperty("msg").GetString());
        }

        Assert.Equal(1000m, emu.Server.GetCredits(emu.Server.ApiKey));
    }

    [Fact]
    public async Task Any_configured_key_is_accepted_and_has_its_own_balance()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.ApiKeys = new[] { "emu_first", "emu_second" });
        var answer = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\",\"nVariants\":2}", key: "emu_second");

        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        Assert.Equal("emu_first", emu.Server.ApiKey);
        Assert.Equal(1000m, emu.Server.GetCredits("emu_first"));
        Assert.Equal(997m, emu.Server.GetCredits("emu_second"));
    }
}
