using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.Core.Waiting;

namespace FourOImage;

/// <summary>Some tasks ran out of their wait budget (each counted from when that task was created or received) while still running.</summary>
public sealed class WaitTimeoutException : FourOImageException
{
    public WaitTimeoutException(TimeSpan timeout, IReadOnlyList<WaitOutcome> remaining)
        : base(BuildMessage(timeout, remaining))
    {
        Timeout = timeout;
        Remaining = remaining;
        RemainingTaskIds = remaining.Select(r => r.TaskId).ToArray();
    }

    public TimeSpan Timeout { get; }

    /// <summary>The ids of the tasks that ran out of time while still running.</summary>
    public IReadOnlyList<string> RemainingTaskIds { get; }

    /// <summary>Per remaining task: its last snapshot (if any) and the last poll error (if the last poll failed).</summary>
    public IReadOnlyList<WaitOutcome> Remaining { get; }

    private static string BuildMessage(TimeSpan timeout, IReadOnlyList<WaitOutcome> remaining)
    {
        const int Shown = 10;
        var ids = string.Join(", ", remaining.Take(Shown).Select(r => r.TaskId));
        var more = remaining.Count > Shown ? $" and {remaining.Count - Shown} more" : string.Empty;
        return $"{remaining.Count} task(s) still running after the wait's time of {timeout} each (counted from when the task was created or received): {ids}{more}.";
    }
}
