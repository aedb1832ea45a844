using System;
using System.Threading;

namespace FourOImage.Core.Waiting;

/// <summary>How <see cref="TaskWaiter"/> polls. Validated (and copied) when a waiter is created.</summary>
public sealed class WaitOptions
{
    /// <summary>Delay before the first poll of a task that was just created; a task added by id alone is polled at once.</summary>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The ceiling the interval grows to.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Factor applied to the interval after each poll (1 = fixed interval). A task is seen at most about
    /// (Backoff - 1) of its run time plus InitialInterval after it ends: 1.2 keeps that near 20% (a 5 s task is seen at
    /// 5.4 s, an 18 s one at 20.8 s) for 4 and 9 polls; 1.5 would see the 5 s task only at 8.1 s.
    /// </summary>
    public double Backoff { get; set; } = 1.2;

    /// <summary>
    /// The least time between the starts of two polls of one task, whatever the interval or a retry says.
    /// The service allows at most 3 queries per second per task; 400 ms leaves room for requests that are sent
    /// evenly but arrive bunched up by network delays.
    /// </summary>
    public TimeSpan MinIntervalPerTask { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Polls in flight at once, across all tasks.</summary>
    public int MaxConcurrentPolls { get; set; } = 16;

    /// <summary>
    /// Each task's budget, counted from when it was added (created, or received from the pipeline), so a long batch
    /// whose tasks are created over many minutes gives every task the same time; <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits for ever.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a task just created (by this process, per the journal, or per its createTime) may be answered "record is
    /// null" (or no data) before it counts as not found; polling goes on meanwhile. Zero: not found at once.
    /// </summary>
    public TimeSpan NewTaskGrace { get; set; } = ClientOptions.DefaultNewTaskGracePeriod;

    /// <summary>Progress is reported at most this often.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first property that is out of range.</summary>
    public void Validate()
    {
        RequireNonNegative(InitialInterval, nameof(InitialInterval));
        RequireNonNegative(MinIntervalPerTask, nameof(MinIntervalPerTask));
        RequireNonNegative(ProgressInterval, nameof(ProgressInterval));
        RequireNonNegative(NewTaskGrace, nameof(NewTaskGrace));
        if (MaxInterval < InitialInterval)
        {
            throw new ArgumentException($"{nameof(MaxInterval)} ({MaxInterval}) must not be less than {nameof(InitialInterval)} ({InitialInterval}).", nameof(MaxInterval));
        }

        if (double.IsNaN(Backoff) || Backoff < 1 || Backoff > 10)
        {
            throw new ArgumentException($"{nameof(Backoff)} must be between 1 and 10; it was {Backoff}.", nameof(Backoff));
        }

        if (MaxConcurrentPolls < 1)
        {
            throw new ArgumentException($"{nameof(MaxConcurrentPolls)} must be at least 1; it was {MaxConcurrentPolls}.", nameof(MaxConcurrentPolls));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{nameof(Timeout)} must be positive (or infinite); it was {Timeout}.", nameof(Timeout));
        }
    }

    internal WaitOptions Clone() => (WaitOptions)MemberwiseClone();

    private static void RequireNonNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must not be negative; it was {value}.", name);
        }
    }
}
