using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;
using Xunit;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>The wait engine's scheduling, driven by a hand-moved clock and a scripted poll delegate (no network, no sleeps).</summary>
public class TaskWaiterTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly ManualClock clock = new();
    private readonly ScriptedPolls polls;

    public TaskWaiterTests()
    {
        polls = new ScriptedPolls(clock);
    }

    [Fact]
    public async Task Finished_tasks_are_handed_back_at_once_without_polling()
    {
        using var waiter = new TaskWaiter(polls.Poll, new WaitOptions());
        var finished = Collect(waiter);
        waiter.Add(TaskSnapshots.Succeeded("done"));
        waiter.Add(TaskSnapshots.Failed("refused", 400, "Your content was flagged by OpenAI as violating content policies"));
        waiter.Complete();

        await waiter.RunAsync();

        Assert.Empty(polls.Calls);
        Assert.Equal(new[] { "done", "refused" }, finished.Select(o => o.TaskId));
        Assert.True(finished[0].Succeeded);
        Assert.False(finished[1].Succeeded);
        Assert.Null(finished[1].Error);
        Assert.Equal("400", finished[1].Task!.ErrorCode);
    }

    [Fact]
    public async Task Tasks_are_handed_back_in_the_order_they_finish_not_the_order_they_were_added()
    {
        polls.SucceedsOnPoll("slow", 3).SucceedsOnPoll("quick", 1).SucceedsOnPoll("middle", 2);
        using var waiter = NewWaiter(new WaitOptions { InitialInterval = Second, Backoff = 1.5, MaxInterval = TimeSpan.FromSeconds(10) });
        var finished = Collect(waiter);
        waiter.Add(TaskSnapshots.Running("slow"));
        waiter.Add(TaskSnapshots.Running("quick"));
        waiter.Add(TaskSnapshots.Running("middle"));
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250), run);
        await run;

        Assert.Equal(new[] { "quick", "middle", "slow" }, finished.Select(o => o.TaskId));
        Assert.All(finished, o => Assert.True(o.Succeeded));
        Assert.Equal(3, finished.Single(o => o.TaskId == "slow").Polls);
    }

    [Theory]
    [InlineData(5, 0.5, 4)]
    [InlineData(18, 3.6, 9)]
    [InlineData(60, 10, 15)]
    public async Task With_the_default_options_a_task_is_seen_soon_after_it_ends_without_many_polls(double seconds, double maxLateSeconds, int maxPolls)
    {
        var endsAt = TimeSpan.FromSeconds(seconds);
        polls.Script("t", _ => clock.Elapsed >= endsAt ? TaskSnapshots.Succeeded("t") : TaskSnapshots.Running("t"));
        using var waiter = NewWaiter(new WaitOptions());
        var finished = Collect(waiter);
        waiter.Add(TaskSnapshots.Running("t"));
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(10), run);
        await run;

        var seen = Assert.Single(finished);
        Assert.True(seen.Succeeded);
        Assert.InRange(polls.TimesFor("t")[^1] - endsAt, TimeSpan.Zero, TimeSpan.FromSeconds(maxLateSeconds));
        Assert.InRange(seen.Polls, 1, maxPolls);
    }

    [Fact]
    public async Task Intervals_start_at_the_initial_value_and_grow_by_the_factor_up_to_the_ceiling()
    {
        polls.NeverEnds("t");
        var options = new WaitOptions { InitialInterval = Second, Backoff = 2, MaxInterval = TimeSpan.FromSeconds(4), Timeout = TimeSpan.FromSeconds(20) };
        using var waiter = NewWaiter(options);
        waiter.Add(TaskSnapshots.Running("t"));
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(60), Second, run);
        await Assert.ThrowsAsync<WaitTimeoutException>(() => run);

        var expected = new[] { 1, 3, 7, 11, 15, 19 }.Select(s => TimeSpan.FromSeconds(s));
        Assert.Equal(expected, polls.TimesFor("t"));
    }

    [Fact]
    public async Task A_task_added_by_id_is_polled_at_once()
    {
        polls.SucceedsOnPoll("known-only-by-id", 1);
        using var waiter = NewWaiter(new WaitOptions());
        var finished = Collect(waiter);
        waiter.Add("known-only-by-id");
        waiter.Complete();

        await waiter.RunAsync();

        Assert.Equal(new[] { TimeSpan.Zero }, polls.TimesFor("known-only-by-id"));
        Assert.True(Assert.Single(finished).Succeeded);
    }

    [Fact]
    public async Task Polls_of_one_task_are_never_closer_than_the_minimum_interval()
    {
        polls.NeverEnds("a").NeverEnds("b");
        var options = new WaitOptions
        {
            InitialInterval = TimeSpan.FromMilliseconds(10),
            MaxInterval = TimeSpan.FromMilliseconds(10),
            MinIntervalPerTask = TimeSpan.FromMilliseconds(350),
            Timeout = TimeSpan.FromSeconds(3),
        };
        using var waiter = NewWaiter(options);
        waiter.Add("a");
        waiter.Add(TaskSnapshots.Running("b"));
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(10), run);
        await Assert.ThrowsAsync<WaitTimeoutException>(() => run);

        foreach (var id in new[] { "a", "b" })
        {
            var times = polls.TimesFor(id);
            Assert.True(times.Count >= 7, $"{id} was polled {times.Count} times");
            Assert.All(times.Zip(times.Skip(1), (earlier, later) => later - earlier), gap => Assert.True(gap >= options.MinIntervalPerTask, $"gap {gap}"));
        }
    }

    [Fact]
    public async Task A_retryable_poll_error_is_retried_and_a_non_retryable_one_ends_that_task_with_the_error()
    {
        polls.Script("flaky", n => n == 1 ? throw ApiError(429, retryable: true) : TaskSnapshots.Succeeded("flaky"));
        polls.Script("unknown", _ => throw ApiError(422, retryable: false, "record is null"));
        using var waiter = NewWaiter(new WaitOptions());
        var finished = Collect(waiter);
        waiter.Add("flaky");
        waiter.Add("unknown");
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), run);
        await run;

        var flaky = finished.Single(o => o.TaskId == "flaky");
        Assert.True(flaky.Succeeded);
        Assert.Equal(2, flaky.Polls);
        var unknown = finished.Single(o => o.TaskId == "unknown");
        Assert.False(unknown.Succeeded);
        Assert.Null(unknown.Task);
        var error = Assert.IsType<FourOImageApiException>(unknown.Error);
        Assert.Equal("record is null", error.ServiceMessage);
        Assert.Equal("unknown", error.TaskId);
        Assert.Equal(1, polls.CountFor("unknown"));
    }

    [Fact]
    public async Task Each_task_gets_the_whole_timeout_from_when_it_was_added_not_from_the_start_of_the_wait()
    {
        using var waiter = NewWaiter(new WaitOptions { InitialInterval = Second, Backoff = 1, MaxInterval = Second, Timeout = TimeSpan.FromSeconds(30) });
        polls.Script("early", n =>
        {
            if (n == 20)
            {
                // Created 20 s into the wait (added from the waiter's own loop, so the hand-moved clock stays in step).
                waiter.Add(TaskSnapshots.Running("late"));
                waiter.Complete();
            }

            return TaskSnapshots.Running("early");
        });
        polls.Script("late", _ => clock.Elapsed >= TimeSpan.FromSeconds(45) ? TaskSnapshots.Succeeded("late") : TaskSnapshots.Running("late"));
        var finished = Collect(waiter);
        waiter.Add(TaskSnapshots.Running("early"));

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromMinutes(2), Second, run);
        var timeout = await Assert.ThrowsAsync<WaitTimeoutException>(() => run);

        Assert.Equal(TimeSpan.FromSeconds(20), polls.TimesFor("early")[19]);
        Assert.True(Assert.Single(finished).Succeeded);
        Assert.Equal("late", finished[0].TaskId);
        Assert.Equal(new[] { "early" }, timeout.RemainingTaskIds);
        Assert.InRange(timeout.Remaining[0].Waited, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        Assert.Contains("early", timeout.Message);
        Assert.DoesNotContain("late", timeout.Message);
        Assert.DoesNotContain(polls.TimesFor("early"), t => t > TimeSpan.FromSeconds(30));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(47));
    }

    [Fact]
    public async Task A_task_just_created_is_polled_through_record_is_null_until_it_shows_and_an_unknown_id_is_not_found_at_once()
    {
        polls.Script("new", n => n <= 3 ? throw RecordMissing() : TaskSnapshots.Succeeded("new"));
        polls.Script("typed", _ => throw RecordMissing());
        using var waiter = NewWaiter(new WaitOptions { NewTaskGrace = TimeSpan.FromSeconds(30) });
        var finished = Collect(waiter);
        waiter.Add(JustCreated("new"));
        waiter.Add("typed"); // an id this process never received from generate
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), run);
        await run;

        Assert.True(finished.Single(o => o.TaskId == "new").Succeeded);
        Assert.Equal(4, polls.CountFor("new"));
        var typed = finished.Single(o => o.TaskId == "typed");
        Assert.True(Assert.IsType<FourOImageApiException>(typed.Error).RecordMissing);
        Assert.Equal(1, polls.CountFor("typed"));
    }

    [Fact]
    public async Task A_task_just_created_that_never_shows_is_not_found_after_the_grace_with_the_reason()
    {
        polls.Script("lost", _ => throw RecordMissing());
        using var waiter = NewWaiter(new WaitOptions { NewTaskGrace = TimeSpan.FromSeconds(20), Timeout = TimeSpan.FromMinutes(10) });
        var finished = Collect(waiter);
        waiter.Add(JustCreated("lost"));
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(250), run);
        await run;

        var lost = Assert.Single(finished);
        var error = Assert.IsType<TaskNotFoundException>(lost.Error);
        Assert.Equal("lost", error.TaskId);
        Assert.Equal(TimeSpan.FromSeconds(20), error.GracePeriod);
        Assert.Contains("record is null", error.Message);
        Assert.Contains("20 s to become visible", error.Message);
        Assert.InRange(polls.TimesFor("lost")[^1], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(31));
        Assert.True(polls.CountFor("lost") > 3);
    }

    [Fact]
    public async Task A_task_created_here_whose_grace_ran_out_before_its_wait_began_is_not_found_at_once_with_the_reason()
    {
        polls.Script("late", _ => throw RecordMissing());
        using var waiter = NewWaiter(new WaitOptions { NewTaskGrace = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(10) });
        var finished = Collect(waiter);
        var task = TaskSnapshots.Running("late");
        task.CreatedLocally = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5); // waited for only after a busy moment
        waiter.Add(task);
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(250), run);
        await run;

        var late = Assert.Single(finished);
        var error = Assert.IsType<TaskNotFoundException>(late.Error);
        Assert.Equal("late", error.TaskId);
        Assert.Equal(task.CreatedLocally, error.CreatedAt);
        Assert.Matches(@"was created \d+ s ago", error.Message);
        Assert.Contains("2 s to become visible", error.Message);
        Assert.Equal(1, polls.CountFor("late"));
    }

    [Fact]
    public async Task The_timeout_lists_the_tasks_still_running_with_their_last_snapshot()
    {
        polls.NeverEnds("stuck-1").NeverEnds("stuck-2").SucceedsOnPoll("ok", 1);
        using var waiter = NewWaiter(new WaitOptions { Timeout = TimeSpan.FromSeconds(30) });
        var finished = Collect(waiter);
        WaitProgress? last = null;
        waiter.Progress += p => last = p;
        waiter.Add(TaskSnapshots.Running("stuck-1", prompt: "a lake"));
        waiter.Add(TaskSnapshots.Running("ok"));
        waiter.Add("stuck-2");
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromMinutes(1), Second, run);
        var timeout = await Assert.ThrowsAsync<WaitTimeoutException>(() => run);

        Assert.Equal(new[] { "stuck-1", "stuck-2" }, timeout.RemainingTaskIds);
        Assert.Equal("a lake", timeout.Remaining[0].Task!.Prompt);
        Assert.Contains("stuck-1", timeout.Message);
        Assert.Equal("ok", Assert.Single(finished).TaskId);
        Assert.True(last!.IsFinal);
        Assert.Equal((0, 1, 2), (last.Running, last.Succeeded, last.Failed));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(30) && clock.Elapsed < TimeSpan.FromSeconds(32), $"ended at {clock.Elapsed}");
    }

    [Fact]
    public async Task Progress_is_throttled_and_ends_with_a_final_report()
    {
        var ids = Enumerable.Range(0, 200).Select(i => $"t{i}").ToArray();
        foreach (var id in ids)
        {
            polls.SucceedsOnPoll(id, 1 + (int.Parse(id.Substring(1)) % 7));
        }

        var options = new WaitOptions { InitialInterval = TimeSpan.FromMilliseconds(100), Backoff = 1, MaxInterval = TimeSpan.FromMilliseconds(100), MinIntervalPerTask = TimeSpan.Zero, MaxConcurrentPolls = 500 };
        using var waiter = NewWaiter(options);
        var reports = new List<(TimeSpan At, WaitProgress Report)>();
        waiter.Progress += p => reports.Add((clock.Elapsed, p));
        foreach (var id in ids)
        {
            waiter.Add(TaskSnapshots.Running(id));
        }

        waiter.Complete();
        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50), run);
        await run;

        var regular = reports.Where(r => !r.Report.IsFinal).Select(r => r.At).ToArray();
        Assert.All(regular.Zip(regular.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= options.ProgressInterval, $"gap {gap}"));
        var final = reports.Last().Report;
        Assert.True(final.IsFinal);
        Assert.Equal((200, 200, 0, 0), (final.Total, final.Succeeded, final.Failed, final.Running));
        var lastStates = reports.SelectMany(r => r.Report.Changed).GroupBy(c => c.TaskId).ToDictionary(g => g.Key, g => g.Last().State);
        Assert.Equal(200, lastStates.Count);
        Assert.All(lastStates.Values, s => Assert.Equal(TaskWaitState.Succeeded, s));
    }

    [Fact]
    public async Task Cancellation_ends_the_run_cancels_the_poll_in_flight_and_raises_nothing_more()
    {
        var pollCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pollStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        async Task<ImageTask> HangingPoll(string id, CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            pollStarted.TrySetResult(true);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                pollCancelled.TrySetResult(true);
                throw;
            }

            return TaskSnapshots.Succeeded(id);
        }

        using var cancel = new CancellationTokenSource();
        using var waiter = new TaskWaiter(HangingPoll, new WaitOptions(), clock);
        var finished = Collect(waiter);
        waiter.Add("hangs");
        var run = waiter.RunAsync(cancel.Token);
        await pollStarted.Task;

        cancel.Cancel();

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancel.Token, stopped.CancellationToken);
        Assert.True(pollCancelled.Task.IsCompleted, "the poll in flight saw the cancellation before RunAsync returned");
        await clock.StepAsync(TimeSpan.FromMinutes(5), run);
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Empty(finished);
    }

    [Fact]
    public async Task Disposing_the_waiter_stops_a_run()
    {
        polls.NeverEnds("t");
        var waiter = NewWaiter(new WaitOptions());
        waiter.Add("t");
        var run = waiter.RunAsync();

        waiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => run);
        Assert.Throws<InvalidOperationException>(() => waiter.Add("u"));
    }

    [Fact]
    public async Task Tasks_added_while_running_are_handed_back_before_Complete_is_called()
    {
        var system = new TaskWaiter(FinishedOnFirstPoll, new WaitOptions { InitialInterval = TimeSpan.Zero });
        using var waiter = system;
        var first = new TaskCompletionSource<WaitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new ConcurrentQueue<WaitOutcome>();
        waiter.TaskFinished += o =>
        {
            finished.Enqueue(o);
            first.TrySetResult(o);
        };
        var run = waiter.RunAsync();

        waiter.Add(TaskSnapshots.Running("row-1"));
        Assert.Equal("row-1", (await first.Task).TaskId);
        Assert.False(run.IsCompleted);
        waiter.Add("row-400");
        waiter.Complete();
        await run;

        Assert.Equal(new[] { "row-1", "row-400" }, finished.Select(o => o.TaskId));

        static Task<ImageTask> FinishedOnFirstPoll(string id, CancellationToken ct) => Task.FromResult(TaskSnapshots.Succeeded(id));
    }

    [Fact]
    public async Task A_task_id_already_being_waited_for_is_not_added_twice()
    {
        polls.SucceedsOnPoll("dup", 2);
        using var waiter = NewWaiter(new WaitOptions());
        var finished = Collect(waiter);
        waiter.Add(TaskSnapshots.Running("dup"));
        waiter.Add("dup");
        waiter.Complete();

        var run = waiter.RunAsync();
        await clock.RunUntilAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500), run);
        await run;

        Assert.Single(finished);
        Assert.Equal(2, polls.CountFor("dup"));
    }

    [Fact]
    public async Task Misuse_is_reported_clearly()
    {
        using var waiter = NewWaiter(new WaitOptions());
        waiter.Complete();
        var late = Assert.Throws<InvalidOperationException>(() => waiter.Add("late"));
        Assert.Contains("late", late.Message);
        Assert.Throws<ArgumentException>(() => waiter.Add(" "));

        await waiter.RunAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiter.RunAsync());
    }

    [Theory]
    [InlineData(nameof(WaitOptions.MaxConcurrentPolls))]
    [InlineData(nameof(WaitOptions.Backoff))]
    [InlineData(nameof(WaitOptions.MaxInterval))]
    [InlineData(nameof(WaitOptions.Timeout))]
    [InlineData(nameof(WaitOptions.MinIntervalPerTask))]
    public void Bad_options_name_the_option(string name)
    {
        var options = new WaitOptions();
        switch (name)
        {
            case nameof(WaitOptions.MaxConcurrentPolls): options.MaxConcurrentPolls = 0; break;
            case nameof(WaitOptions.Backoff): options.Backoff = 0.5; break;
            case nameof(WaitOptions.MaxInterval): options.MaxInterval = TimeSpan.FromMilliseconds(1); break;
            case nameof(WaitOptions.Timeout): options.Timeout = TimeSpan.Zero; break;
            default: options.MinIntervalPerTask = TimeSpan.FromSeconds(-1); break;
        }

        var error = Assert.Throws<ArgumentException>(() => new TaskWaiter(polls.Poll, options));
        Assert.Equal(name, error.ParamName);
    }

    private TaskWaiter NewWaiter(WaitOptions options) => new(polls.Poll, options, clock);

    private static List<WaitOutcome> Collect(TaskWaiter waiter)
    {
        var finished = new List<WaitOutcome>();
        waiter.TaskFinished += finished.Add;
        return finished;
    }

    private static ImageTask JustCreated(string id)
    {
        var task = TaskSnapshots.Running(id);
        task.CreatedLocally = DateTimeOffset.UtcNow;
        return task;
    }

    private static FourOImageApiException RecordMissing() => new FourOImageApiException(
        "record-info failed: the service answered code 422 (validation error): record is null.", "record-info", 422, 200, "record is null", false)
    {
        RecordMissing = true,
    };

    private static FourOImageApiException ApiError(int code, bool retryable, string message = "busy") =>
        new($"record-info failed: {message}", "record-info", code, 200, message, retryable);
}
