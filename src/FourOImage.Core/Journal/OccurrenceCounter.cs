using System;
using System.Collections.Generic;

namespace FourOImage.Core.Journal;

/// <summary>
/// Numbers the requests of one run per identity in input order (1, 2, ...), so the same prompt twice in a CSV is two
/// tasks, and a re-run maps the n-th copy to the n-th copy's task. Called on the pipeline thread only.
/// </summary>
public sealed class OccurrenceCounter
{
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);

    public int Next(string requestId)
    {
        seen.TryGetValue(requestId, out int count);
        seen[requestId] = ++count;
        return count;
    }
}
