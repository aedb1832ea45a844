using System;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("example.com")]
    [InlineData("")]
    public async Task A_host_that_is_not_an_address_is_refused_before_binding(string host)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Host = host }));
        Assert.Contains("Host", error.Message);
    }

    [Fact]
    public async Task The_same_fixed_port_for_api_and_images_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { ApiPort = 5999, ImagePort = 5999 }));
        Assert.Contains("ImagePort", error.Message);
    }

    [Fact]
    public async Task No_keys_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { ApiKeys = Array.Empty<string>() }));
        Assert.Contains("API key", error.Message);
    }

    [Fact]
    public async Task Fixed_ports_are_used_and_a_taken_port_fails_the_start()
    {
        await using var first = await EmulatorServer.StartAsync();
        var options = new EmulatorOptions { ImagePort = first.ImageBaseUrl.Port };
        await Assert.ThrowsAnyAsync<System.IO.IOException>(() => EmulatorServer.StartAsync(options));

        await using var second = await EmulatorServer.StartAsync(new EmulatorOptions { ApiPort = 0, ImagePort = 0 });
        Assert.NotEqual(first.ApiBaseUrl, second.ApiBaseUrl);
        Assert.Matches("^emu_[0-9a-f]{32}$", second.ApiKey);
        Assert.NotEqual(first.ApiKey, second.ApiKey);
    }

    [Fact]
    public async Task Dispose_twice_is_harmless()
    {
        var server = await EmulatorServer.StartAsync();
        await server.DisposeAsync();
        await server.DisposeAsync();
    }
}
