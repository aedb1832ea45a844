using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;
using Xunit;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>
/// While no task runs but more may still come (the command before has not ended), the waiter reports nothing on its
/// own; asked (about once a second by the command that holds the pipeline thread), it reports at once, with the time as
/// it is now and that more may come.
/// </summary>
public sealed class ProgressOnRequestTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private readonly ManualClock clock = new();

    [Fact]
    public async Task Asked_for_progress_the_waiter_reports_the_time_as_it_is_now_and_that_more_may_come()
    {
        var polls = new ScriptedPolls(clock);
        using var waiter = new TaskWaiter(polls.Poll, new WaitOptions(), clock);
        var reports = new ConcurrentQueue<WaitProgress>();
        waiter.Progress += reports.Enqueue;
        waiter.Add(TaskSnapshots.Succeeded("done"));
        var run = waiter.RunAsync();
        await ReportsAsync(reports, 1, run);

        clock.MoveWithoutWaking(TimeSpan.FromSeconds(7));
        waiter.RequestProgress();
        WaitProgress asked = await ReportsAsync(reports, 2, run);

        Assert.Equal(TimeSpan.FromSeconds(7), asked.Elapsed);
        Assert.True(asked.MoreToCome);
        Assert.False(asked.IsFinal);
        Assert.Equal((1, 1, 0), (asked.Total, asked.Succeeded, asked.Running));

        clock.MoveWithoutWaking(TimeSpan.FromSeconds(2));
        waiter.RequestProgress();
        Assert.Equal(TimeSpan.FromSeconds(9), (await ReportsAsync(reports, 3, run)).Elapsed);

        waiter.Complete();
        await run;
        WaitProgress final = reports.Last();
        Assert.True(final.IsFinal);
        Assert.False(final.MoreToCome);
    }

    [Fact]
    public async Task Before_the_first_task_a_request_reports_nothing()
    {
        var polls = new ScriptedPolls(clock);
        using var waiter = new TaskWaiter(polls.Poll, new WaitOptions(), clock);
        var reports = new ConcurrentQueue<WaitProgress>();
        waiter.Progress += reports.Enqueue;
        var run = waiter.RunAsync();

        waiter.RequestProgress();
        waiter.Add(TaskSnapshots.Succeeded("first"));
        WaitProgress first = await ReportsAsync(reports, 1, run);

        // The only report is the one the task brought: the request before it drew no "0 of 0" bar.
        Assert.Equal(1, first.Total);
        waiter.Complete();
        await run;
        Assert.All(reports, r => Assert.Equal(1, r.Total));
    }

    // The report number <paramref name="count"/>, once the waiter's loop has raised it.
    private static async Task<WaitProgress> ReportsAsync(ConcurrentQueue<WaitProgress> reports, int count, Task run)
    {
        var guard = Task.Delay(HangGuard);
        while (reports.Count < count)
        {
            if (guard.IsCompleted || run.IsFaulted)
            {
                throw new TimeoutException($"{reports.Count} report(s), expected {count}.");
            }

            await Task.Delay(5);
        }

        return reports.ElementAt(count - 1);
    }
}
