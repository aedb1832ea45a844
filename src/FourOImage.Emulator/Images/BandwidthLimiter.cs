using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Emulator.Images;

/// <summary>
/// The image host's bandwidth, shared by all its responses: each chunk reserves the next slot on one timeline,
/// so parallel downloads split the configured bytes per second instead of multiplying it.
/// </summary>
internal sealed class BandwidthLimiter
{
    // Lets a late sender catch up a little instead of losing the slot time it overslept.
    private static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(50);
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _bytesPerSecond;
    private TimeSpan _nextFree;

    public BandwidthLimiter(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        _bytesPerSecond = bytesPerSecond;
    }

    /// <summary>About 10 ms of transfer per chunk, between 4 KiB and 256 KiB.</summary>
    public int ChunkSize => (int)Math.Clamp(_bytesPerSecond / 100, 4 * 1024, 256 * 1024);

    public Task WaitToSendAsync(int bytes, CancellationToken ct)
    {
        var due = Reserve(bytes, _clock.Elapsed) - _clock.Elapsed;
        return due > TimeSpan.Zero ? Task.Delay(due, ct) : Task.CompletedTask;
    }

    /// <summary>Books <paramref name="bytes"/> on the timeline and returns when they have been "sent".</summary>
    internal TimeSpan Reserve(int bytes, TimeSpan now)
    {
        lock (_gate)
        {
            var start = _nextFree > now - Burst ? _nextFree : now - Burst;
            _nextFree = start + TimeSpan.FromSeconds(bytes / (double)_bytesPerSecond);
            return _nextFree;
        }
    }
}
