using System;
using System.Collections.Generic;

namespace FourOImage.Emulator.Api;

/// <summary>
/// Per-key admissions in a sliding window: at most a limit of admissions per key within any window length, measured
/// on the caller's clock; a refused attempt does not count. Keys idle for a whole window are swept once the map grows
/// large, so a long-running emulator does not keep every task id or API key it ever saw. Not thread-safe: callers lock.
/// </summary>
internal sealed class SlidingWindowCounter
{
    private const int SweepAbove = 10_000;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _admitted = new(StringComparer.Ordinal);

    /// <summary>Admits (and counts) one attempt of <paramref name="key"/> at <paramref name="now"/>, or refuses it.</summary>
    public bool TryAdmit(string key, DateTimeOffset now, int limit, TimeSpan length)
    {
        if (_admitted.Count > SweepAbove)
        {
            Sweep(now, length);
        }

        if (!_admitted.TryGetValue(key, out var times))
        {
            _admitted[key] = times = new Queue<DateTimeOffset>();
        }

        while (times.Count > 0 && now - times.Peek() >= length)
        {
            times.Dequeue();
        }

        if (times.Count >= limit)
        {
            return false;
        }

        times.Enqueue(now);
        return true;
    }

    private void Sweep(DateTimeOffset now, TimeSpan length)
    {
        var idle = new List<string>();
        foreach (var (key, times) in _admitted)
        {
            if (times.Count == 0 || now - times.Peek() >= length)
            {
                idle.Add(key);
            }
        }

        idle.ForEach(key => _admitted.Remove(key));
    }
}
