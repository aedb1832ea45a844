using System;
using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Core.Waiting;

/// <summary>Counts of tasks by outcome and the per-task changes since the last progress report. Not thread-safe: <see cref="TaskWaiter"/> locks around it.</summary>
internal sealed class WaitTally
{
    private readonly Dictionary<string, TaskWaitProgress> changed = new(StringComparer.Ordinal);
    private int total;
    private int succeeded;
    private int failed;

    public bool HasNews => changed.Count > 0;

    /// <summary>Tasks added so far.</summary>
    public int Total => total;

    public void Added() => total++;

    /// <summary>Records a task's latest state; a task reaches Succeeded or Failed only once.</summary>
    public void Changed(TaskWaitProgress change)
    {
        changed[change.TaskId] = change;
        if (change.State == TaskWaitState.Succeeded)
        {
            succeeded++;
        }
        else if (change.State == TaskWaitState.Failed)
        {
            failed++;
        }
    }

    public WaitProgress TakeReport(TimeSpan elapsed, bool isFinal, bool moreToCome)
    {
        var report = new WaitProgress(total, succeeded, failed, elapsed, changed.Values.ToArray(), isFinal, moreToCome);
        changed.Clear();
        return report;
    }
}
