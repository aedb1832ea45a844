using System;
using System.Collections.Generic;

namespace FourOImage.Core.Waiting;

/// <summary>A throttled progress report: overall counts plus the tasks that changed since the previous report.</summary>
public sealed class WaitProgress
{
    internal WaitProgress(int total, int succeeded, int failed, TimeSpan elapsed, IReadOnlyList<TaskWaitProgress> changed, bool isFinal, bool moreToCome = false)
    {
        MoreToCome = moreToCome;
        Total = total;
        Succeeded = succeeded;
        Failed = failed;
        Elapsed = elapsed;
        Changed = changed;
        IsFinal = isFinal;
    }

    /// <summary>Tasks added so far.</summary>
    public int Total { get; }

    public int Succeeded { get; }

    /// <summary>Tasks that failed, or could not be waited for.</summary>
    public int Failed { get; }

    public int Running => Total - Succeeded - Failed;

    /// <summary>Time since <see cref="TaskWaiter.RunAsync"/> started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Tasks added, polled or finished since the previous report (empty in a heartbeat report).</summary>
    public IReadOnlyList<TaskWaitProgress> Changed { get; }

    /// <summary>More tasks may still be added (the input has not ended), so <see cref="Total"/> may grow.</summary>
    public bool MoreToCome { get; }

    /// <summary>True for the last report of a run (all tasks done, or the timeout hit).</summary>
    public bool IsFinal { get; }
}
