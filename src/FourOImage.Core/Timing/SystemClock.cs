using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Timing;

/// <summary>Real time: a stopwatch, the system's UTC time, Task.Delay and the token source's own timer.</summary>
internal sealed class SystemClock : Clock
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    public override TimeSpan Elapsed => _stopwatch.Elapsed;

    public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > LongestSleep)
        {
            delay = LongestSleep;
        }

        // Round up so a loop never wakes a fraction of a millisecond early and spins.
        var milliseconds = (int)Math.Ceiling(delay.TotalMilliseconds);
        return Task.Delay(Math.Max(milliseconds, 1), cancellationToken);
    }

    public override void CancelAfter(CancellationTokenSource source, TimeSpan delay) => source.CancelAfter(delay);
}
