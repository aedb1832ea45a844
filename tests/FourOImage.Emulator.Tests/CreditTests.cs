using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class CreditTests
{
    [Fact]
    public async Task Each_image_is_debited_and_the_balance_is_fractional()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        await emu.GenerateTaskAsync(variants: 1);
        await emu.GenerateTaskAsync(variants: 4);

        var answer = await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit");
        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        Assert.Equal(992.5m, answer.GetProperty("data").GetDecimal());
        Assert.Equal("992.5", answer.GetProperty("data").GetRawText());
        Assert.Equal(992.5m, emu.Server.GetCredits(emu.Server.ApiKey));
    }

    [Fact]
    public async Task Generate_is_402_when_the_balance_does_not_cover_every_image()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.CreditsPerImage = 2m);
        emu.Server.SetCredits(emu.Server.ApiKey, 7m);

        var tooMany = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\",\"nVariants\":4}");
        Assert.Equal(402, tooMany.GetProperty("code").GetInt32());
        Assert.Equal(7m, emu.Server.GetCredits(emu.Server.ApiKey));

        var fits = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\",\"nVariants\":2}");
        Assert.Equal(200, fits.GetProperty("code").GetInt32());
        Assert.Equal(3m, emu.Server.GetCredits(emu.Server.ApiKey));
    }

    [Fact]
    public async Task Initial_credits_are_configurable()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.InitialCredits = 5916.25m);
        var answer = await emu.CallAsync(HttpMethod.Get, "api/v1/chat/credit");
        Assert.Equal("5916.25", answer.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Credits_of_an_unknown_key_are_an_error_that_does_not_echo_the_key()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var error = Assert.Throws<System.ArgumentException>(() => emu.Server.GetCredits("emu_secret_value"));
        Assert.DoesNotContain("emu_secret_value", error.Message);
    }
}
