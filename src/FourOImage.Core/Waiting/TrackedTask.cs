using System;

namespace FourOImage.Core.Waiting;

/// <summary>The wait engine's bookkeeping for one task still being waited for. Times are on the waiter's clock.</summary>
internal sealed class TrackedTask
{
    public TrackedTask(string taskId, long sequence, TimeSpan addedAt, TimeSpan deadline, ImageTask? last, TimeSpan dueAt, TimeSpan nextInterval)
    {
        TaskId = taskId;
        Sequence = sequence;
        AddedAt = addedAt;
        Deadline = deadline;
        Last = last;
        DueAt = dueAt;
        NextInterval = nextInterval;
    }

    public string TaskId { get; }

    /// <summary>Breaks ties between equal due times, oldest first.</summary>
    public long Sequence { get; }

    public TimeSpan AddedAt { get; }

    /// <summary>When this task's own wait budget runs out: <see cref="AddedAt"/> plus <see cref="WaitOptions.Timeout"/>.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>When the task was created, as far as this process knows (<see cref="NewTaskGrace"/>).</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>
    /// For a task created here: until when "no record" means "not visible yet" (then it is not found, with its story);
    /// null for an id never seen created, which is not found at once.
    /// </summary>
    public TimeSpan? VisibleBy { get; set; }

    public ImageTask? Last { get; set; }

    /// <summary>When a poll first showed the task successful without result URLs (<see cref="MissingResults"/>).</summary>
    public TimeSpan? ResultsMissingSince { get; set; }

    /// <summary>The error of the last poll when it failed with a retryable error.</summary>
    public Exception? LastError { get; set; }

    public int Polls { get; set; }

    public TimeSpan DueAt { get; set; }

    /// <summary>The wait after the next poll, before the backoff factor applies.</summary>
    public TimeSpan NextInterval { get; set; }

    public TimeSpan? LastPollStartedAt { get; set; }

    public bool InFlight { get; set; }
}
