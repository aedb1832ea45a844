using System;
using System.Collections.Concurrent;
using System.Threading;

namespace FourOImage.Core;

/// <summary>
/// The task ids this process received from generate, and when: a task the module itself just created may not be
/// visible to record-info yet, while an id it never saw is simply unknown. Process-wide; entries older than an hour go.
/// </summary>
internal static class CreatedTasks
{
    private const int SweepAbove = 10_000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Ids = new(StringComparer.Ordinal);
    private static long nextSweepTicks;

    public static void Add(string taskId, DateTimeOffset createdAt)
    {
        Ids[taskId] = createdAt;
        var now = DateTimeOffset.UtcNow;
        long next = Interlocked.Read(ref nextSweepTicks);

        // At most one sweep a minute: a busy hour can hold more than SweepAbove ids, none of them old enough to go.
        if (Ids.Count > SweepAbove && now.UtcTicks >= next
            && Interlocked.CompareExchange(ref nextSweepTicks, (now + SweepEvery).UtcTicks, next) == next)
        {
            var horizon = now - KeptFor;
            foreach (var entry in Ids)
            {
                if (entry.Value < horizon)
                {
                    Ids.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    /// <summary>When this process received <paramref name="taskId"/> from generate; null when it never did (or long ago).</summary>
    public static DateTimeOffset? CreatedAt(string taskId) => Ids.TryGetValue(taskId, out var at) ? at : null;
}
