using System;
using System.Diagnostics;

namespace FourOImage.Emulator.Images;

/// <summary>
/// The image host's uplink: one bandwidth shared by every response at once, like a real host's link (benchmarks
/// measure a client against it). Each chunk reserves the next free slot on the link and may be sent when its slot ends.
/// </summary>
internal sealed class ImageHostLink
{
    private readonly double _bytesPerSecond;
    private readonly Func<TimeSpan> _now;
    private readonly object _gate = new();
    private TimeSpan _busyUntil;

    public ImageHostLink(long bytesPerSecond)
        : this(bytesPerSecond, StopwatchClock())
    {
    }

    internal ImageHostLink(long bytesPerSecond, Func<TimeSpan> now)
    {
        if (bytesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "The link's bandwidth must be positive.");
        }

        _bytesPerSecond = bytesPerSecond;
        _now = now;
    }

    /// <summary>Reserves the link for <paramref name="bytes"/>; returns how long to wait before they count as sent.</summary>
    public TimeSpan Reserve(int bytes)
    {
        lock (_gate)
        {
            var now = _now();
            var start = _busyUntil > now ? _busyUntil : now;
            _busyUntil = start + TimeSpan.FromSeconds(bytes / _bytesPerSecond);
            return _busyUntil - now;
        }
    }

    private static Func<TimeSpan> StopwatchClock()
    {
        var clock = Stopwatch.StartNew();
        return () => clock.Elapsed;
    }
}
