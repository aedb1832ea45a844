using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>The wait engine with the real client against the emulator over loopback.</summary>
public class WaitEmulatorTests
{
    [Fact]
    public async Task A_wait_for_100_tasks_never_polls_one_task_more_than_3_times_in_a_second()
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.FixedGenerationTime = null;
            o.MinGenerationTime = TimeSpan.FromMilliseconds(300);
            o.MaxGenerationTime = TimeSpan.FromMilliseconds(1500);
            o.SubmissionLimit = 0; // all 100 at once, so most are still running when the wait starts
            o.ClockStopped = true; // however long creating 100 tasks takes, none ends before the wait moves time
        });
        var ids = await service.GenerateAsync(100);

        // Intervals far below the service limit, so only the per-task minimum keeps the polls apart.
        var options = new WaitOptions { InitialInterval = TimeSpan.FromMilliseconds(20), MaxInterval = TimeSpan.FromMilliseconds(50) };
        var outcomes = await service.WaitAllOnClockAsync(ids, options);

        Assert.Equal(ids.OrderBy(i => i), outcomes.Select(o => o.TaskId).OrderBy(i => i));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.TaskId));
        var polls = service.PollsByTask();
        Assert.Equal(100, polls.Count);
        Assert.True(polls.Values.Sum(p => p.Count) > 200, "most tasks needed several polls");
        foreach (var (taskId, entries) in polls)
        {
            for (var i = 3; i < entries.Count; i++)
            {
                var span = entries[i].Time - entries[i - 3].Time;
                Assert.True(span >= TimeSpan.FromSeconds(1), $"task {taskId}: 4 polls within {span.TotalMilliseconds} ms");
            }
        }

        Assert.DoesNotContain(service.Emulator.RequestLog, e => e.Endpoint == EmulatorEndpoints.RecordInfo && e.BodyCode == 429);
    }

    [Fact]
    public async Task Tasks_are_handed_back_as_they_finish_not_in_submission_order()
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.FixedGenerationTime = null;
            o.MinGenerationTime = TimeSpan.FromMilliseconds(100);
            o.MaxGenerationTime = TimeSpan.FromSeconds(4);
        });
        var ids = await service.GenerateAsync(12);

        var outcomes = await service.WaitAllOnClockAsync(ids);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var handedBack = outcomes.Select(o => o.TaskId).ToList();
        Assert.NotEqual(ids, handedBack);

        // Any two tasks that ended well apart (the longest poll interval plus generous slack) come back in that order.
        var completed = outcomes.ToDictionary(o => o.TaskId, o => o.Task!.CompleteTime!.Value);
        foreach (var earlier in ids)
        {
            foreach (var later in ids.Where(l => completed[l] - completed[earlier] > TimeSpan.FromSeconds(1.5)))
            {
                Assert.True(handedBack.IndexOf(earlier) < handedBack.IndexOf(later), $"{earlier} ended before {later} but came back after it");
            }
        }
    }

    [Fact]
    public async Task A_failed_task_carries_the_service_error_code_and_message()
    {
        await using var service = await EmulatedService.StartAsync();
        service.Emulator.Faults.RefusedWords = new[] { "forbidden" };
        var refused = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "something forbidden" });
        var fine = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "something fine" });

        var outcomes = await service.WaitAllAsync(new[] { refused, fine });

        var failure = outcomes.Single(o => o.TaskId == refused);
        Assert.False(failure.Succeeded);
        Assert.Null(failure.Error);
        Assert.Equal(TaskState.Failed, failure.Task!.Status);
        Assert.NotNull(failure.Task.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(failure.Task.ErrorMessage));
        Assert.True(outcomes.Single(o => o.TaskId == fine).Succeeded);
    }

    [Fact]
    public async Task An_unknown_task_id_ends_with_the_services_error_and_is_not_polled_again()
    {
        await using var service = await EmulatedService.StartAsync();

        var outcome = (await service.WaitAllAsync(new[] { "00000000000000000000000000000000" })).Single();

        var error = Assert.IsType<FourOImageApiException>(outcome.Error);
        Assert.Equal(422, error.Code);
        Assert.Equal("00000000000000000000000000000000", error.TaskId);
        Assert.False(outcome.Succeeded);
        Assert.Single(service.PollsByTask()["00000000000000000000000000000000"]);
    }

    [Fact]
    public async Task The_timeout_reports_the_ids_still_running()
    {
        await using var service = await EmulatedService.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromHours(1));
        var stuck = await service.GenerateAsync(3);
        service.Emulator.Options.FixedGenerationTime = TimeSpan.FromMilliseconds(100);
        var quick = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "quick" });
        var options = EmulatedService.FastWait;
        options.Timeout = TimeSpan.FromSeconds(5); // on the waiter's clock, which moves only while no poll is out

        var timeout = await Assert.ThrowsAsync<WaitTimeoutException>(() => service.WaitAllOnClockAsync(stuck.Append(quick), options));

        Assert.Equal(stuck.OrderBy(i => i), timeout.RemainingTaskIds.OrderBy(i => i));
        Assert.All(timeout.Remaining, r => Assert.Equal(TaskState.Generating, r.Task!.Status));
        Assert.Equal(options.Timeout, timeout.Timeout);
    }

    [Fact]
    public async Task Cancellation_returns_while_a_poll_hangs_and_nothing_is_polled_afterwards()
    {
        await using var service = await EmulatedService.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromHours(1));
        var ids = await service.GenerateAsync(20);
        using var waiter = service.NewWaiter();
        var polledOnce = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiter.Progress += p =>
        {
            if (p.Changed.Count(c => c.Polls > 0) > 0)
            {
                polledOnce.TrySetResult(true);
            }
        };
        foreach (var id in ids)
        {
            waiter.Add(id);
        }

        waiter.Complete();
        using var cancel = new CancellationTokenSource();
        var run = waiter.RunAsync(cancel.Token);
        await polledOnce.Task;
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.RecordInfo, Fault.Slow(TimeSpan.FromMinutes(5)), count: 1000);
        await WaitForAsync(() => service.Emulator.Faults.PendingScripted(EmulatorEndpoints.RecordInfo) <= 1000 - 5);

        cancel.Cancel();
        var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, ended);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // A poll sent just before the cancel may reach the emulator just after it on a busy machine; once the wait has
        // ended, nothing more may arrive.
        var endedAt = service.Emulator.Now;
        var hanging = 1000 - service.Emulator.Faults.PendingScripted(EmulatorEndpoints.RecordInfo);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(hanging, 1000 - service.Emulator.Faults.PendingScripted(EmulatorEndpoints.RecordInfo));
        Assert.DoesNotContain(service.Emulator.RequestLog, e => e.Endpoint == EmulatorEndpoints.RecordInfo && e.Time > endedAt);
    }

    [Fact]
    public async Task No_task_is_lost_when_record_info_fails_now_and_then()
    {
        await using var service = await EmulatedService.StartAsync();
        var rates = service.Emulator.Faults.For(EmulatorEndpoints.RecordInfo);
        rates.Code500 = 0.15;
        rates.Code429 = 0.1;
        rates.BadGateway = 0.1;
        rates.Drop = 0.05;
        var ids = await service.GenerateAsync(15);

        var outcomes = await service.WaitAllAsync(ids);

        Assert.Equal(ids.OrderBy(i => i), outcomes.Select(o => o.TaskId).OrderBy(i => i));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.TaskId}: {o.Error?.Message}"));
        Assert.Contains(service.Emulator.RequestLog, e => e.Endpoint == EmulatorEndpoints.RecordInfo && e.BodyCode == 500);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "condition not reached");
    }
}
