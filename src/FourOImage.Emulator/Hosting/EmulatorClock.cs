using System;
using System.Threading;

namespace FourOImage.Emulator.Hosting;

/// <summary>
/// Real time (or, stopped, the time it was made) plus an offset that only grows. Task completion and expiry are
/// computed from it lazily.
/// </summary>
internal sealed class EmulatorClock
{
    private readonly DateTimeOffset? _stoppedAt;
    private long _offsetTicks;

    public EmulatorClock(bool stopped = false)
    {
        _stoppedAt = stopped ? DateTimeOffset.UtcNow : null;
    }

    public DateTimeOffset Now => (_stoppedAt ?? DateTimeOffset.UtcNow) + Offset;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The emulator clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
