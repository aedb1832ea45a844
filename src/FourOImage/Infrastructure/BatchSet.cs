using System.Collections.Generic;
using FourOImage.Core.Gallery;

namespace FourOImage.Commands;

/// <summary>The batches the tasks a command took came from (each once), for the summary at the end of the line.</summary>
internal sealed class BatchSet
{
    private readonly HashSet<BatchRecord> _batches = new();

    public void Add(BatchRecord? batch)
    {
        if (batch is null)
        {
            return;
        }

        lock (_batches)
        {
            _batches.Add(batch);
        }
    }

    public IReadOnlyList<BatchRecord> Snapshot()
    {
        lock (_batches)
        {
            return new List<BatchRecord>(_batches);
        }
    }
}
