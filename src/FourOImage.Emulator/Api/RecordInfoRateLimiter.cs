using System;
using System.Collections.Generic;

namespace FourOImage.Emulator.Api;

/// <summary>At most 3 record-info queries per task in any 1-second window (emulator clock); refused queries do not count.</summary>
internal sealed class RecordInfoRateLimiter
{
    public const int Limit = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    public bool TryAcquire(string taskId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_recent.Count > 10_000)
            {
                Sweep(now);
            }

            if (!_recent.TryGetValue(taskId, out var times))
            {
                _recent[taskId] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && now - times.Peek() >= Window)
            {
                times.Dequeue();
            }

            if (times.Count >= Limit)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        var stale = new List<string>();
        foreach (var (taskId, times) in _recent)
        {
            if (times.Count == 0 || now - times.Peek() >= Window)
            {
                stale.Add(taskId);
            }
        }

        stale.ForEach(id => _recent.Remove(id));
    }
}
