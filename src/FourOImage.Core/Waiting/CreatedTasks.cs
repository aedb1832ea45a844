using System;
using System.Collections.Concurrent;

namespace FourOImage.Core;

/// <summary>
/// The task ids this process received from generate, and when: a task the module itself just created may not be
/// visible to record-info yet, while an id it never saw is simply unknown. Process-wide; entries older than an hour go.
/// </summary>
internal static class CreatedTasks
{
    private const int SweepAbove = 10_000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Ids = new(StringComparer.Ordinal);

    public static void Add(string taskId, DateTimeOffset createdAt)
    {
        Ids[taskId] = createdAt;
        if (Ids.Count > SweepAbove)
        {
            var horizon = DateTimeOffset.UtcNow - KeptFor;
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
