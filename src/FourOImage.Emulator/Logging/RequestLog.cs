using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Emulator.Logging;

/// <summary>Thread-safe list of <see cref="RequestLogEntry"/>, kept in arrival order, bounded.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly object _gate = new();
    private readonly SortedList<long, RequestLogEntry> _entries = new();
    private long _sequence;

    public long NextSequence()
    {
        lock (_gate)
        {
            return ++_sequence;
        }
    }

    public void Add(long sequence, RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries[sequence] = entry;
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(0);
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.Values.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
