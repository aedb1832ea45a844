using System;
using FourOImage.Core.Waiting;

namespace FourOImage.Bench;

/// <summary>
/// What the wait engine's schedule needs for one task that takes a known time: a task added just after it was created
/// is polled after InitialInterval, then after intervals growing by Backoff up to MaxInterval. The count of polls up to
/// and including the first one at or after the task's end, and when that poll happens.
/// </summary>
internal readonly record struct PollExpectation(int Polls, TimeSpan SeenAt)
{
    public static PollExpectation For(WaitOptions options, TimeSpan generationTime)
    {
        var at = options.InitialInterval;
        var interval = options.InitialInterval;
        var polls = 1;
        while (at < generationTime)
        {
            interval = TimeSpan.FromTicks((long)Math.Min(options.MaxInterval.Ticks, interval.Ticks * options.Backoff));
            at += Max(interval, options.MinIntervalPerTask);
            polls++;
        }

        return new PollExpectation(polls, at);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
