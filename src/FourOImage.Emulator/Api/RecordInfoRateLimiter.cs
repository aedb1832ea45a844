using System;

namespace FourOImage.Emulator.Api;

/// <summary>At most 3 record-info queries per task in any 1-second window (emulator clock); refused queries do not count.</summary>
internal sealed class RecordInfoRateLimiter
{
    public const int Limit = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly SlidingWindowCounter _recent = new();

    public bool TryAcquire(string taskId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _recent.TryAdmit(taskId, now, Limit, Window);
        }
    }
}
