using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class RangeTests
{
    private static async Task<(HttpStatusCode Status, byte[] Body, ContentRangeHeaderValue? Range)> GetRangeAsync(EmulatorHarness emu, string url, string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await emu.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentRange);
    }

    [Theory]
    [InlineData("bytes=0-99", 0, 100)]
    [InlineData("bytes=100-", 100, -1)]
    [InlineData("bytes=-10", -10, 10)]
    [InlineData("bytes=5-5", 5, 1)]
    public async Task A_single_range_is_answered_206_with_exactly_those_bytes(string header, int start, int length)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        var full = await emu.Http.GetByteArrayAsync(url);
        var from = start < 0 ? full.Length + start : start;
        var expected = full.Skip(from).Take(length < 0 ? full.Length : length).ToArray();

        var (status, body, range) = await GetRangeAsync(emu, url, header);

        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.Equal(expected, body);
        Assert.Equal((from, from + expected.Length - 1, full.Length), (range!.From, range.To, range.Length));
    }

    [Fact]
    public async Task A_range_beyond_the_end_is_416_and_a_malformed_one_gets_the_whole_file()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        var full = await emu.Http.GetByteArrayAsync(url);

        var beyond = await GetRangeAsync(emu, url, $"bytes={full.Length}-");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.Status);

        var malformed = await GetRangeAsync(emu, url, "bytes=abc");
        Assert.Equal((HttpStatusCode.OK, full.Length), (malformed.Status, malformed.Body.Length));
    }

    [Fact]
    public async Task A_download_can_resume_after_a_truncated_body()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var url = await emu.FirstResultUrlAsync(await emu.GenerateTaskAsync());
        var full = await emu.Http.GetByteArrayAsync(url);

        emu.Server.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Truncate);
        var (_, head) = await emu.GetCutShortAsync(url);

        var (status, rest, _) = await GetRangeAsync(emu, url, $"bytes={head.Length}-");
        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.Equal(full, head.Concat(rest).ToArray());
    }
}
