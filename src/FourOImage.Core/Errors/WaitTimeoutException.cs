using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.Core.Waiting;

namespace FourOImage;

/// <summary>The wait budget ran out while some tasks were still running.</summary>
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

    /// <summary>The ids of the tasks still running when the budget ran out.</summary>
    public IReadOnlyList<string> RemainingTaskIds { get; }

    /// <summary>Per remaining task: its last snapshot (if any) and the last poll error (if the last poll failed).</summary>
    public IReadOnlyList<WaitOutcome> Remaining { get; }

    private static string BuildMessage(TimeSpan timeout, IReadOnlyList<WaitOutcome> remaining)
    {
        const int Shown = 10;
        var ids = string.Join(", ", remaining.Take(Shown).Select(r => r.TaskId));
        var more = remaining.Count > Shown ? $" and {remaining.Count - Shown} more" : string.Empty;
        return $"Timed out after {timeout} with {remaining.Count} task(s) still running: {ids}{more}.";
    }
}
