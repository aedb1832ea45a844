using System;
using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Core.Submission;

/// <summary>
/// When rows waiting for the submission window can be sent, worked out from what the account's ledger holds now: the
/// calls that still count (each until a window after its answer; a call still out is taken as answered now, the
/// earliest it can be), a pause after a refusal, and the limit. Row k waits for the k-th slot that frees, and each row
/// sent counts a window from then, as the limiter will count it.
/// </summary>
internal readonly struct SubmissionForecast
{
    private SubmissionForecast(DateTime nextSlotAt, DateTime lastRowAt)
    {
        NextSlotAt = nextSlotAt;
        LastRowAt = lastRowAt;
    }

    /// <summary>When the first waiting row can be sent (now, when a slot is free).</summary>
    public DateTime NextSlotAt { get; }

    /// <summary>When the last waiting row can be sent.</summary>
    public DateTime LastRowAt { get; }

    /// <param name="counted">The ledger's calls that still count: when each was sent (while out) or answered, and whether it is still out.</param>
    /// <param name="pausedUntil">No call is sent before this (after a 429, 455 or 550).</param>
    /// <param name="limit">Calls per window; 0 or less: no pacing.</param>
    /// <param name="window">How long a call counts after its answer (the window and the limiter's margin).</param>
    /// <param name="rows">Rows waiting, the last one included.</param>
    public static SubmissionForecast Compute(
        IEnumerable<(DateTime Time, bool Out)> counted, DateTime pausedUntil, int limit, TimeSpan window, int rows, DateTime now)
    {
        DateTime start = pausedUntil > now ? pausedUntil : now;
        if (limit <= 0)
        {
            return new SubmissionForecast(start, start);
        }

        // When each counted call stops counting, earliest first. Every slot taken below frees at its time plus a
        // window, which is never earlier than any of these (all at most now plus a window), so the queue stays sorted.
        var frees = new Queue<DateTime>(counted.Select(c => (c.Out ? now : c.Time) + window).Where(free => free > start).OrderBy(free => free));
        DateTime at = start;
        DateTime? first = null;
        for (int row = 0; row < Math.Max(rows, 1); row++)
        {
            while (true)
            {
                while (frees.Count > 0 && frees.Peek() <= at)
                {
                    frees.Dequeue();
                }

                if (frees.Count < limit)
                {
                    break;
                }

                at = frees.Peek();
            }

            first ??= at;
            frees.Enqueue(at + window);
        }

        return new SubmissionForecast(first!.Value, at);
    }
}
