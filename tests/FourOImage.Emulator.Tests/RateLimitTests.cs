using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task The_fourth_record_info_within_a_second_for_one_task_is_429_and_the_window_slides()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync();
        var other = await emu.GenerateTaskAsync();
        Assert.Equal(200, (await emu.RecordInfoAsync(other)).GetProperty("code").GetInt32()); // warm up, so the burst below is quick

        var burst = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => emu.RecordInfoAsync(taskId)));

        Assert.Equal(new[] { 200, 200, 200, 429 }, burst.Select(a => a.GetProperty("code").GetInt32()).Order());
        Assert.Contains("3", burst.Single(a => a.GetProperty("code").GetInt32() == 429).GetProperty("msg").GetString());
        Assert.Equal(200, (await emu.RecordInfoAsync(other)).GetProperty("code").GetInt32());

        emu.Server.AdvanceClock(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await emu.RecordInfoAsync(taskId)).GetProperty("code").GetInt32());
        Assert.Equal(1, emu.Server.RequestLog.Count(e => e.BodyCode == 429));
    }
}
