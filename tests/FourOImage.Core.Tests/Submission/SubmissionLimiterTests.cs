using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Submission;
using FourOImage.Core.Tests.Downloads;
using FourOImage.Core.Tests.Emulated;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Submission;

/// <summary>
/// The submission limiter: generate calls of one account stay under the service's window, inside a process and across
/// processes sharing the state file. The limiter's own tests run on a clock moved by hand; the end-to-end ones use a
/// real half-second window that the emulator enforces too, and its request log is the judge.
/// </summary>
public sealed class SubmissionLimiterTests
{
    private static readonly TimeSpan Window = TestEmulator.Window;
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Sixty_parallel_generates_all_create_a_task_without_one_429_and_never_more_than_the_limit_per_window()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GenerateAsync(new GenerateRequest { Prompt = $"row {i}" })));

        Assert.Equal(60, ids.Distinct().Count());
        var generates = emulator.RequestLog.Where(e => e.Endpoint == EmulatorEndpoints.Generate).ToList();
        Assert.Equal(60, generates.Count);
        Assert.DoesNotContain(generates, e => e.Limit == RequestLimits.SubmissionWindow);
        AssertNoMoreThanPerWindow(generates.Select(e => e.Time), 20, Window);

        // 60 rows at 20 per window: the last third cannot go before two windows have passed.
        Assert.True(generates[^1].Time - generates[0].Time >= Window * 2, $"{generates[^1].Time - generates[0].Time}");
    }

    [Fact]
    public async Task Two_limiters_sharing_one_state_file_as_two_processes_do_stay_under_the_window_together()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Root, "submissions-test.txt");
        var clock = new ManualClock();
        var first = SubmissionLimiter.Create(path, clock);
        var second = SubmissionLimiter.Create(path, clock);
        var admitted = new ConcurrentQueue<DateTime>();

        async Task TakeAsync(SubmissionLimiter limiter)
        {
            await Task.Yield();
            var slot = await limiter.AcquireAsync(5, Window, Horizon, null, null, CancellationToken.None);
            slot.Sent();
            admitted.Enqueue(clock.UtcNow.UtcDateTime);
        }

        // Time moves only while every caller waits for a slot (each limiter's first asleep) or is done with its own.
        var all = Task.WhenAll(Enumerable.Range(0, 15).SelectMany(_ => new[] { TakeAsync(first), TakeAsync(second) }));
        bool Idle() => admitted.Count + first.Waiting + second.Waiting == 30
            && clock.Sleeping >= (first.Waiting > 0 ? 1 : 0) + (second.Waiting > 0 ? 1 : 0);
        await clock.DriveAsync(all, Step, Idle, TimeSpan.FromSeconds(30));
        await all;

        Assert.Equal(30, admitted.Count);
        Assert.True(clock.Elapsed >= Window * 5, $"30 calls at 5 per window took {clock.Elapsed}");
        AssertNoMoreThanPerWindow(admitted, 5, Window);
        var text = File.ReadAllText(path);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches("^[0-9a-f]+ [0-9]+$", line));
    }

    [Fact]
    public async Task A_pause_holds_back_every_caller_of_the_account_and_a_slot_not_used_does_not_count()
    {
        var clock = new ManualClock { AutoAdvance = true };
        var limiter = SubmissionLimiter.Create(null, clock);
        var unused = await limiter.AcquireAsync(1, Window, Horizon, null, null, CancellationToken.None);
        unused.Unused();
        var slot = await limiter.AcquireAsync(1, Window, Horizon, null, null, CancellationToken.None); // the unused one did not count
        slot.Sent();

        limiter.Pause(TimeSpan.FromSeconds(1.5));
        var lines = new List<string>();
        var waited = 0;
        var started = clock.Elapsed;
        var next = await limiter.AcquireAsync(0, Window, Horizon, lines.Add, () => waited++, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1.5), clock.Elapsed - started);
        Assert.Equal(1, waited);
        Assert.Contains("paused", Assert.Single(lines));
        next.Sent();
    }

    [Fact]
    public async Task A_call_still_out_keeps_its_slot_until_its_answer_however_late_and_then_for_a_window()
    {
        var clock = new ManualClock();
        var limiter = SubmissionLimiter.Create(null, clock);
        var slow = await limiter.AcquireAsync(1, Window, Horizon, null, null, CancellationToken.None);
        var next = limiter.AcquireAsync(1, Window, Horizon, null, null, CancellationToken.None);

        // Three windows without an answer: the service may not have seen the call yet, so it still counts.
        await clock.RunUntilAsync(Window * 3, Step, next);
        Assert.False(next.IsCompleted);
        var answered = clock.Elapsed;
        slow.Sent();

        await clock.RunUntilAsync(answered + (Window * 3), Step, next);
        (await next.WaitAsync(TimeSpan.FromSeconds(30))).Sent();
        Assert.InRange(clock.Elapsed - answered, Window, Window + SubmissionLimiter.Margin + Step);
    }

    [Fact]
    public async Task A_call_out_longer_than_the_horizon_its_process_died_frees_its_slot()
    {
        var clock = new ManualClock { AutoAdvance = true };
        var limiter = SubmissionLimiter.Create(null, clock);
        await limiter.AcquireAsync(1, Window, Window * 2, null, null, CancellationToken.None); // never answered
        var started = clock.Elapsed;

        (await limiter.AcquireAsync(1, Window, Window * 2, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).Sent();

        Assert.InRange(clock.Elapsed - started, Window * 2, (Window * 2) + TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Waiting_for_a_slot_ends_at_once_on_cancellation()
    {
        var limiter = SubmissionLimiter.Create(null, new ManualClock());
        (await limiter.AcquireAsync(1, TimeSpan.FromMinutes(10), Horizon, null, null, CancellationToken.None)).Sent();
        using var cancel = new CancellationTokenSource();
        var waiting = new TaskCompletionSource();

        var wait = limiter.AcquireAsync(1, TimeSpan.FromMinutes(10), Horizon, null, () => waiting.TrySetResult(), cancel.Token);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Callers_are_admitted_first_come_first_served()
    {
        var clock = new ManualClock();
        var limiter = SubmissionLimiter.Create(null, clock);
        var admitted = new ConcurrentQueue<(int Row, DateTime At)>();
        var tasks = new List<Task>();
        async Task TakeAsync(int row)
        {
            var slot = await limiter.AcquireAsync(4, Window, Horizon, null, null, CancellationToken.None);
            slot.Sent();
            admitted.Enqueue((row, clock.UtcNow.UtcDateTime));
        }

        // Each asks after the previous one: the call queues before it returns.
        for (var i = 0; i < 12; i++)
        {
            tasks.Add(TakeAsync(i));
        }

        // Time moves only while every caller either waits for a slot or has one and is done with it.
        Assert.Equal(8, limiter.Waiting);
        var all = Task.WhenAll(tasks);
        await clock.DriveAsync(all, Step, () => admitted.Count + limiter.Waiting == 12, TimeSpan.FromSeconds(30));
        await all;

        // Each window admits the next four who asked (within a window the order of the callbacks is the thread pool's).
        // Admissions of one window come together; the next window opens a full window later.
        var byWindow = new List<List<int>>();
        var previous = DateTime.MinValue;
        foreach (var (row, at) in admitted.OrderBy(a => a.At))
        {
            if (at - previous > Window / 2)
            {
                byWindow.Add(new List<int>());
            }

            byWindow[^1].Add(row);
            previous = at;
        }

        byWindow.ForEach(w => w.Sort());
        Assert.Equal(new[] { new[] { 0, 1, 2, 3 }, new[] { 4, 5, 6, 7 }, new[] { 8, 9, 10, 11 } }, byWindow.Select(w => w.ToArray()));
    }

    [Fact]
    public async Task A_state_file_that_cannot_be_used_leaves_pacing_to_this_process_and_says_so_once()
    {
        using var folder = new TempFolder();
        var inTheWay = Path.Combine(folder.Root, "submissions-x.txt");
        Directory.CreateDirectory(inTheWay); // a folder where the file should be: it cannot be opened
        var clock = new ManualClock { AutoAdvance = true };
        var limiter = SubmissionLimiter.Create(inTheWay, clock);
        var lines = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(2, Window, Horizon, lines.Add, null, CancellationToken.None)).Sent();
        }

        Assert.True(clock.Elapsed >= Window, "the third call waited for the window");
        Assert.Single(lines, l => l.Contains("pacing covers this process only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_state_file_is_named_by_a_hash_and_never_holds_the_key()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        await client.GenerateAsync(new GenerateRequest { Prompt = "x" });

        var folders = Directory.GetDirectories(Path.GetTempPath(), "FourOImage-*");
        var files = folders.SelectMany(f => Directory.GetFiles(f, "submissions-*.txt")).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Matches("^submissions-[0-9a-f]{32}\\.txt$", Path.GetFileName(f)));
        Assert.DoesNotContain(files, f => f.Contains(emulator.ApiKey, StringComparison.Ordinal) || ReadShared(f).Contains(emulator.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_limit_of_0_sends_at_once_whatever_the_window()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.SubmissionLimit = 0);
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithSubmissionWindow(TimeSpan.FromMinutes(10)));
        var started = DateTime.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.GenerateAsync(new GenerateRequest { Prompt = $"row {i}" })));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(5));
        Assert.Equal(30, TestEmulator.Count(emulator, EmulatorEndpoints.Generate));
    }

    internal static void AssertNoMoreThanPerWindow(IEnumerable<DateTimeOffset> times, int limit, TimeSpan window) =>
        AssertNoMoreThanPerWindow(times.Select(t => t.UtcDateTime), limit, window);

    internal static void AssertNoMoreThanPerWindow(IEnumerable<DateTime> times, int limit, TimeSpan window)
    {
        var sorted = times.OrderBy(t => t).ToList();
        for (var i = limit; i < sorted.Count; i++)
        {
            Assert.True(sorted[i] - sorted[i - limit] >= window, $"{limit + 1} calls within {(sorted[i] - sorted[i - limit]).TotalMilliseconds} ms");
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty; // held by another test this instant; its name was checked
        }
    }
}
