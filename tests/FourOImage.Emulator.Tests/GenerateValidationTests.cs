using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class GenerateValidationTests
{
    [Theory]
    [InlineData("{\"prompt\":\"x\"}", "size")]
    [InlineData("{\"prompt\":\"x\",\"size\":\"16:9\"}", "size")]
    [InlineData("{\"prompt\":\"x\",\"size\":1}", "size")]
    [InlineData("{\"size\":\"1:1\"}", "prompt or filesUrl")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"  \"}", "prompt or filesUrl")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"nVariants\":3}", "nVariants")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"nVariants\":\"2\"}", "nVariants")]
    [InlineData("{\"size\":\"1:1\",\"filesUrl\":[\"http://a/1.png\",\"http://a/2.png\",\"http://a/3.png\",\"http://a/4.png\",\"http://a/5.png\",\"http://a/6.png\"]}", "at most 5")]
    [InlineData("{\"size\":\"1:1\",\"filesUrl\":[\"http://a/1.png\",\"not a url\"]}", "filesUrl[1]")]
    [InlineData("{\"size\":\"1:1\",\"filesUrl\":[\"ftp://a/1.png\"]}", "filesUrl[0]")]
    [InlineData("{\"size\":\"1:1\",\"filesUrl\":\"http://a/1.png\"}", "filesUrl")]
    [InlineData("{\"size\":\"1:1\",\"fileUrl\":\"/relative.png\"}", "fileUrl")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"maskUrl\":\"http://a/m.png\"}", "maskUrl")]
    [InlineData("{\"size\":\"1:1\",\"filesUrl\":[\"http://a/1.png\",\"http://a/2.png\"],\"maskUrl\":\"http://a/m.png\"}", "maskUrl")]
    [InlineData("{\"size\":\"1:1\",\"filesUrl\":[\"http://a/1.png\"],\"maskUrl\":\"mask.png\"}", "maskUrl")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"callBackUrl\":\"localhost/cb\"}", "callBackUrl")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"isEnhance\":\"yes\"}", "isEnhance")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"fallbackModel\":\"DALL_E\"}", "fallbackModel")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":42}", "prompt")]
    public async Task Invalid_requests_are_422_naming_the_field_and_cost_nothing(string body, string named)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.GenerateAsync(body);

        Assert.Equal(422, answer.GetProperty("code").GetInt32());
        Assert.Contains(named, answer.GetProperty("msg").GetString());
        Assert.Equal(1000m, emu.Server.GetCredits(emu.Server.ApiKey));
        Assert.Equal(422, Assert.Single(emu.Server.RequestLog).BodyCode);
    }

    [Theory]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\"}")]
    [InlineData("{\"size\":\"3:2\",\"filesUrl\":[\"https://a/1.png\"],\"maskUrl\":\"https://a/m.png\",\"nVariants\":4}")]
    [InlineData("{\"size\":\"2:3\",\"filesUrl\":[\"http://a/1.png\",\"http://a/2.png\",\"http://a/3.png\",\"http://a/4.png\",\"http://a/5.png\"]}")]
    [InlineData("{\"size\":\"1:1\",\"fileUrl\":\"https://a/1.png\"}")]
    [InlineData("{\"size\":\"1:1\",\"prompt\":\"x\",\"isEnhance\":true,\"uploadCn\":false,\"enableFallback\":true,\"fallbackModel\":\"GPT_IMAGE_1\",\"callBackUrl\":\"http://127.0.0.1:1/cb\"}")]
    public async Task Valid_requests_create_a_task(string body)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.GenerateAsync(body);
        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", answer.GetProperty("data").GetProperty("taskId").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"size\":")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.GenerateAsync(body);
        Assert.Equal(400, answer.GetProperty("code").GetInt32());
        Assert.Contains("JSON", answer.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Download_url_with_a_non_json_body_is_400()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.CallAsync(HttpMethod.Post, "api/v1/gpt4o-image/download-url", "taskId=1");
        Assert.Equal(400, answer.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Task_ids_are_distinct_32_hex_strings()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var ids = new string[5];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await emu.GenerateTaskAsync();
        }

        Assert.Equal(5, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }
}
