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

        // Four quick calls fall in one window; advancing the emulator clock by a second reopens it without waiting.
        var codes = new int[4];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (await emu.RecordInfoAsync(taskId)).GetProperty("code").GetInt32();
        }

        Assert.Equal(new[] { 200, 200, 200, 429 }, codes);
        Assert.Equal(200, (await emu.RecordInfoAsync(other)).GetProperty("code").GetInt32());

        emu.Server.AdvanceClock(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await emu.RecordInfoAsync(taskId)).GetProperty("code").GetInt32());
        Assert.Equal(1, emu.Server.RequestLog.Count(e => e.BodyCode == 429));
    }
}
