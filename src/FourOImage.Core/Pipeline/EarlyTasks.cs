using System;
using System.Collections.Generic;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Tasks handed to an operation ahead of the pipeline: the FourOImage command right before it in the same pipeline
/// hands over each task it emits while it cannot write it yet (another command holds the pipeline thread), so the work
/// starts at once. The same object then arrives through the pipeline in its turn, and is taken off here instead of
/// being worked on a second time. Kept by reference (ImageTask has no equality of its own), counted, so a task emitted
/// twice arrives twice. Thread-safe; closed when the input ends or the command stops.
/// </summary>
internal sealed class EarlyTasks
{
    private readonly Dictionary<ImageTask, int> _started = new();
    private readonly object _gate = new();
    private bool _closed;

    /// <summary>Starts the work for <paramref name="task"/> unless closed; false when it was not started.</summary>
    public bool TryStart(ImageTask task, Action<ImageTask> start)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            start(task);
            _started[task] = _started.TryGetValue(task, out int count) ? count + 1 : 1;
            return true;
        }
    }

    /// <summary>The task arrived through the pipeline: true when its work already started early (it is taken off).</summary>
    public bool TryTake(ImageTask? task)
    {
        if (task is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_started.TryGetValue(task, out int count))
            {
                return false;
            }

            if (count == 1)
            {
                _started.Remove(task);
            }
            else
            {
                _started[task] = count - 1;
            }

            return true;
        }
    }

    /// <summary>No more tasks are started early (what arrives still finds the ones that were).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
