using System.Collections.Generic;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>The work an operation started, so its completion can wait for all of it, including work started meanwhile.</summary>
internal sealed class PendingWork
{
    private readonly List<Task> _tasks = new();
    private readonly object _gate = new();

    public void Add(Task task)
    {
        lock (_gate)
        {
            _tasks.Add(task);
        }
    }

    public async Task WhenAllAsync()
    {
        while (true)
        {
            Task[] snapshot;
            lock (_gate)
            {
                snapshot = _tasks.ToArray();
            }

            await Task.WhenAll(snapshot).ConfigureAwait(false);
            lock (_gate)
            {
                if (_tasks.Count == snapshot.Length)
                {
                    return;
                }
            }
        }
    }
}
