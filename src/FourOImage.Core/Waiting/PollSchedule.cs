using System;
using System.Collections.Generic;

namespace FourOImage.Core.Waiting;

/// <summary>
/// Which task to poll next: a priority queue by due time, the per-task backoff and minimum spacing, and the bound
/// on polls in flight. Pure bookkeeping (no threads, no clock of its own); <see cref="TaskWaiter"/> locks around it.
/// </summary>
internal sealed class PollSchedule
{
    private readonly WaitOptions options;
    private readonly SortedSet<TrackedTask> queue = new(DueOrder.Instance);
    private readonly Dictionary<string, TrackedTask> tracked = new(StringComparer.Ordinal);

    // Every task has the same budget, so the order of adding is the order of deadlines.
    private readonly SortedSet<TrackedTask> byAge = new(AgeOrder.Instance);
    private long sequence;

    public PollSchedule(WaitOptions options)
    {
        this.options = options;
    }

    /// <summary>Tasks waiting or in flight.</summary>
    public int Count => tracked.Count;

    public int InFlight { get; private set; }

    /// <summary>When the next poll can start, or null when nothing can start until something changes.</summary>
    public TimeSpan? NextDue => InFlight < options.MaxConcurrentPolls && queue.Count > 0 ? queue.Min!.DueAt : null;

    public IEnumerable<TrackedTask> Tracked => tracked.Values;

    /// <summary>
    /// Starts tracking a task. One known only by id is due at once; one just created is due after the initial interval.
    /// Returns null when the id is already tracked.
    /// </summary>
    public TrackedTask? Add(string taskId, ImageTask? snapshot, TimeSpan now)
    {
        if (tracked.ContainsKey(taskId))
        {
            return null;
        }

        var firstWait = snapshot is null ? TimeSpan.Zero : options.InitialInterval;
        var nextInterval = snapshot is null ? options.InitialInterval : Grow(options.InitialInterval);
        var budget = options.Timeout == System.Threading.Timeout.InfiniteTimeSpan || options.Timeout > TimeSpan.MaxValue - now
            ? TimeSpan.MaxValue
            : now + options.Timeout;
        var task = new TrackedTask(taskId, sequence++, now, budget, snapshot, now + firstWait, nextInterval);
        tracked.Add(taskId, task);
        byAge.Add(task);
        queue.Add(task);
        return task;
    }

    /// <summary>The earliest deadline of a task not being polled right now, or null (a polled one is checked when its poll ends).</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            foreach (var task in byAge)
            {
                if (!task.InFlight)
                {
                    return task.Deadline;
                }
            }

            return null;
        }
    }

    /// <summary>Stops tracking the tasks, not being polled, whose deadline is at or before <paramref name="now"/>, and returns them.</summary>
    public List<TrackedTask> TakeExpired(TimeSpan now)
    {
        var expired = new List<TrackedTask>();
        foreach (var task in byAge)
        {
            if (task.Deadline > now)
            {
                break;
            }

            if (!task.InFlight)
            {
                expired.Add(task);
            }
        }

        foreach (var task in expired)
        {
            queue.Remove(task);
            Finish(task);
        }

        return expired;
    }

    /// <summary>Takes the tasks due by <paramref name="now"/>, earliest first, as far as the in-flight bound allows, and marks them in flight.</summary>
    public List<TrackedTask> TakeDue(TimeSpan now)
    {
        var due = new List<TrackedTask>();
        while (InFlight < options.MaxConcurrentPolls && queue.Count > 0 && queue.Min!.DueAt <= now)
        {
            var task = queue.Min;
            queue.Remove(task);
            task.InFlight = true;
            task.LastPollStartedAt = now;
            task.Polls++;
            InFlight++;
            due.Add(task);
        }

        return due;
    }

    /// <summary>A poll ended and the task is still running (or the poll failed in a way worth retrying): schedule the next one.</summary>
    public void Reschedule(TrackedTask task, TimeSpan now)
    {
        EndFlight(task);
        var due = now + task.NextInterval;
        var earliest = task.LastPollStartedAt.GetValueOrDefault() + options.MinIntervalPerTask;
        task.DueAt = due < earliest ? earliest : due;
        task.NextInterval = Grow(task.NextInterval);
        queue.Add(task);
    }

    /// <summary>A poll was abandoned (cancellation): the task goes back in the queue, due when it was.</summary>
    public void Requeue(TrackedTask task)
    {
        EndFlight(task);
        queue.Add(task);
    }

    /// <summary>The task ended (or cannot be waited for): stop tracking it.</summary>
    public void Finish(TrackedTask task)
    {
        EndFlight(task);
        tracked.Remove(task.TaskId);
        byAge.Remove(task);
    }

    private void EndFlight(TrackedTask task)
    {
        if (task.InFlight)
        {
            task.InFlight = false;
            InFlight--;
        }
    }

    private TimeSpan Grow(TimeSpan interval)
    {
        var ticks = Math.Min(options.MaxInterval.Ticks, interval.Ticks * options.Backoff);
        return TimeSpan.FromTicks((long)ticks);
    }

    private sealed class AgeOrder : IComparer<TrackedTask>
    {
        public static readonly AgeOrder Instance = new();

        public int Compare(TrackedTask? x, TrackedTask? y) => x!.Sequence.CompareTo(y!.Sequence);
    }

    private sealed class DueOrder : IComparer<TrackedTask>
    {
        public static readonly DueOrder Instance = new();

        public int Compare(TrackedTask? x, TrackedTask? y)
        {
            var byTime = x!.DueAt.CompareTo(y!.DueAt);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
