using System;
using System.Threading;

namespace FourOImage.Emulator.Hosting;

/// <summary>Real time plus an offset that only grows. Task completion and expiry are computed from it lazily.</summary>
internal sealed class EmulatorClock
{
    private long _offsetTicks;

    public DateTimeOffset Now => DateTimeOffset.UtcNow + Offset;

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
