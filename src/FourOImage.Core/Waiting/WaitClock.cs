using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Waiting;

/// <summary>Monotonic time and sleeping for the wait engine; tests substitute a clock they advance by hand.</summary>
internal abstract class WaitClock
{
    public abstract TimeSpan Elapsed { get; }

    public abstract Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

internal sealed class SystemWaitClock : WaitClock
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();

    public override TimeSpan Elapsed => stopwatch.Elapsed;

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > LongestSleep)
        {
            delay = LongestSleep;
        }

        // Round up so the loop never wakes a fraction of a millisecond early and spins.
        var milliseconds = (int)Math.Ceiling(delay.TotalMilliseconds);
        return Task.Delay(Math.Max(milliseconds, 1), cancellationToken);
    }
}
