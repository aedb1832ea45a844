using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Emulator.Logging;

/// <summary>
/// Thread-safe log of <see cref="RequestLogEntry"/>. Entries are committed when answers start, so they are kept with
/// their arrival number and sorted by it on read. Beyond the capacity the older half is dropped.
/// </summary>
internal sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly object _gate = new();
    private readonly List<(long Sequence, RequestLogEntry Entry)> _entries = new();
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
            _entries.Add((sequence, entry));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveRange(0, Capacity / 2);
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.OrderBy(e => e.Sequence).Select(e => e.Entry).ToArray();
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
