using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Timing;

namespace FourOImage.Core.Tests;

/// <summary>
/// A clock that moves only when the test says so (or, with <see cref="AutoAdvance"/>, whenever the code sleeps), so
/// windows, backoff, grace and timeouts are checked without real sleeps. Sleepers and timers wake in the order they are due.
/// </summary>
internal sealed class ManualClock : Clock
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);
    private readonly object _gate = new();
    private readonly List<(TimeSpan DueAt, TaskCompletionSource<bool> Done)> _sleepers = new();
    private readonly Dictionary<CancellationTokenSource, TimeSpan> _timers = new();
    private readonly DateTimeOffset _start;
    private TaskCompletionSource<bool> _nextSleep = NewSource();
    private TimeSpan _now;

    public ManualClock(DateTimeOffset? start = null)
    {
        _start = start ?? DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Every <see cref="Delay"/> moves the clock to its end at once: for code that waits one thing at a time (retry
    /// backoff, the submission window, a pause), which then runs as fast as the machine allows on exact times.
    /// </summary>
    public bool AutoAdvance { get; init; }

    /// <summary>Told how far the clock moved, before any sleeper wakes (e.g. to move the emulator's clock alike).</summary>
    public event Action<TimeSpan>? Advanced;

    /// <summary>Told each delay a timer was armed with (<see cref="CancelAfter"/>), after it is armed.</summary>
    public event Action<TimeSpan>? Armed;

    /// <summary>Every delay asked for so far, in order.</summary>
    public List<TimeSpan> Delays { get; } = new();

    public override TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    public override DateTimeOffset UtcNow => _start + Elapsed;

    /// <summary>Delays asked for that have not ended yet.</summary>
    public int Sleeping
    {
        get
        {
            lock (_gate)
            {
                return _sleepers.Count(s => !s.Done.Task.IsCompleted);
            }
        }
    }

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var done = NewSource();
        lock (_gate)
        {
            Delays.Add(delay);
            _sleepers.Add((_now + delay, done));
            _nextSleep.TrySetResult(true);
        }

        cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        if (AutoAdvance)
        {
            Advance(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }

        return done.Task;
    }

    public override void CancelAfter(CancellationTokenSource source, TimeSpan delay)
    {
        lock (_gate)
        {
            if (delay < TimeSpan.Zero)
            {
                _timers.Remove(source);
            }
            else
            {
                _timers[source] = _now + delay;
            }
        }

        if (delay == TimeSpan.Zero)
        {
            Advance(TimeSpan.Zero);
        }

        Armed?.Invoke(delay);
    }

    /// <summary>Moves the clock; wakes every sleeper and fires every timer now due.</summary>
    public void Advance(TimeSpan by) => Wake(by);

    /// <summary>Moves the clock without waking anything (for a loop that something else wakes).</summary>
    public void MoveWithoutWaking(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    /// <summary>
    /// Moves the clock and, when that wakes a sleeper, waits until the code has gone back to sleep (or <paramref name="run"/> ended).
    /// Only valid while the code is asleep and what it awaits otherwise completes synchronously.
    /// </summary>
    public async Task StepAsync(TimeSpan by, Task run)
    {
        Task slept;
        lock (_gate)
        {
            _nextSleep = NewSource();
            slept = _nextSleep.Task;
        }

        if (!Wake(by))
        {
            return;
        }

        var first = await Task.WhenAny(slept, run, Task.Delay(HangGuard));
        if (first != slept && first != run)
        {
            throw new TimeoutException("The code woken neither slept again nor ended.");
        }
    }

    /// <summary>Steps by <paramref name="step"/> until <paramref name="until"/> (clock time) or until the run ends.</summary>
    public async Task RunUntilAsync(TimeSpan until, TimeSpan step, Task run)
    {
        while (Elapsed < until && !run.IsCompleted)
        {
            await StepAsync(step, run);
        }
    }

    /// <summary>
    /// Steps the clock by <paramref name="step"/> whenever something sleeps on it and <paramref name="idle"/> says
    /// nothing else is under way (no request out, no caller between two steps), until <paramref name="run"/> ends: time
    /// passes only while the code waits for it. Fails when the run has not ended after <paramref name="deadline"/> of
    /// real time (default 60 s).
    /// </summary>
    public async Task DriveAsync(Task run, TimeSpan step, Func<bool> idle, TimeSpan? deadline = null)
    {
        var giveUp = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (!run.IsCompleted)
        {
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"The run did not end within {deadline ?? TimeSpan.FromSeconds(60)} of real time (clock at {Elapsed}).");
            }

            if (Sleeping > 0 && idle())
            {
                await StepAsync(step, run);
            }
            else
            {
                await Task.WhenAny(run, Task.Delay(1));
            }
        }
    }

    // True when a sleeper woke.
    private bool Wake(TimeSpan by)
    {
        var woken = new List<TaskCompletionSource<bool>>();
        var fired = new List<CancellationTokenSource>();
        lock (_gate)
        {
            _now += by;
            var now = _now;
            _sleepers.RemoveAll(s =>
            {
                if (s.DueAt > now && !s.Done.Task.IsCompleted)
                {
                    return false;
                }

                woken.Add(s.Done);
                return true;
            });
            foreach (var timer in _timers)
            {
                if (timer.Value <= now)
                {
                    fired.Add(timer.Key);
                }
            }

            fired.ForEach(f => _timers.Remove(f));
        }

        if (by > TimeSpan.Zero)
        {
            Advanced?.Invoke(by);
        }

        foreach (var source in fired)
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The timeout's work ended before its time came.
            }
        }

        var wokeAny = false;
        foreach (var done in woken)
        {
            wokeAny |= done.TrySetResult(true);
        }

        return wokeAny;
    }

    private static TaskCompletionSource<bool> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
