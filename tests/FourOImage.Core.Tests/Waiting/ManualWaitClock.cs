using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>A wait clock that moves only when the test says so, so scheduling is checked without real sleeps.</summary>
internal sealed class ManualWaitClock : WaitClock
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);
    private readonly object gate = new();
    private readonly List<(TimeSpan DueAt, TaskCompletionSource<bool> Done)> sleepers = new();
    private TaskCompletionSource<bool> nextSleep = NewSource();
    private TimeSpan now;

    public override TimeSpan Elapsed
    {
        get
        {
            lock (gate)
            {
                return now;
            }
        }
    }

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        var done = NewSource();
        lock (gate)
        {
            sleepers.Add((now + delay, done));
            nextSleep.TrySetResult(true);
        }

        cancellationToken.Register(() => done.TrySetCanceled());
        return done.Task;
    }

    /// <summary>
    /// Moves the clock and, when that wakes the waiter's loop, waits until the loop has gone back to sleep (or <paramref name="run"/> ended).
    /// Only valid while the loop is asleep and polls complete synchronously.
    /// </summary>
    public async Task StepAsync(TimeSpan by, Task run)
    {
        Task slept;
        var woken = new List<TaskCompletionSource<bool>>();
        lock (gate)
        {
            nextSleep = NewSource();
            slept = nextSleep.Task;
            now += by;
            sleepers.RemoveAll(s =>
            {
                if (s.DueAt > now && !s.Done.Task.IsCompleted)
                {
                    return false;
                }

                woken.Add(s.Done);
                return true;
            });
        }

        var wokeAny = false;
        foreach (var done in woken)
        {
            wokeAny |= done.TrySetResult(true);
        }

        if (!wokeAny)
        {
            return;
        }

        var first = await Task.WhenAny(slept, run, Task.Delay(HangGuard));
        if (first != slept && first != run)
        {
            throw new TimeoutException("The waiter's loop neither slept again nor ended.");
        }
    }

    /// <summary>Moves the clock without waking a sleeper (for a loop that something else wakes).</summary>
    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
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

    private static TaskCompletionSource<bool> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
