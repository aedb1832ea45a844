using System;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>Issue 16: right after generate the service may not show the new record yet; against the emulator's delay.</summary>
public sealed class NewTaskGraceEmulatorTests
{
    [Theory]
    [InlineData(InvisibleRecordAnswer.RecordIsNull)]
    [InlineData(InvisibleRecordAnswer.DataNull)]
    public async Task Tasks_created_here_are_waited_for_through_their_invisible_seconds_and_all_succeed(InvisibleRecordAnswer answer)
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.Faults.NewRecordDelay = TimeSpan.FromSeconds(1);
            o.Faults.MaxNewRecordDelay = TimeSpan.FromSeconds(3);
            o.Faults.InvisibleRecordAnswer = answer;
        });
        var ids = await service.GenerateAsync(8);

        // The invisible seconds pass on the emulator's clock, moved with the waiter's while no poll is out.
        var outcomes = await service.WaitAllOnClockAsync(ids);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.TaskId}: {o.Error?.Message}"));
        var invisible = service.Emulator.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.RecordInfo && (answer == InvisibleRecordAnswer.RecordIsNull ? e.BodyCode == 422 : e.BodyCode == 200));
        Assert.True(invisible > 0, "some polls met the invisible record");
    }

    [Fact]
    public async Task No_record_is_record_missing_whether_it_is_a_422_or_data_null()
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.Faults.NewRecordDelay = TimeSpan.FromMinutes(1);
            o.Faults.InvisibleRecordAnswer = InvisibleRecordAnswer.DataNull;
        });
        var id = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "x" });

        var empty = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GetTaskAsync(id));
        service.Emulator.Faults.InvisibleRecordAnswer = InvisibleRecordAnswer.RecordIsNull;
        var unknown = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GetTaskAsync(id));

        Assert.True(empty.RecordMissing);
        Assert.Equal(id, empty.TaskId);
        Assert.Contains("data is null", empty.Message);
        Assert.True(unknown.RecordMissing);
        Assert.Equal("record is null", unknown.ServiceMessage);
    }
}
