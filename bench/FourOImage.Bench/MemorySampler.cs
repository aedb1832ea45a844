using System;
using System.Threading;

namespace FourOImage.Bench;

/// <summary>
/// Samples the process's working set and managed heap on a timer and keeps the peaks. Process.PeakWorkingSet64 would
/// include everything since start-up; sampling gives the peak of one measured run.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private readonly Timer _timer;
    private readonly object _gate = new();
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemorySampler()
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, Period, Period);
    }

    public long PeakWorkingSet => Read(ref _peakWorkingSet);

    public long PeakHeap => Read(ref _peakHeap);

    /// <summary>Working set and live managed heap after a full collection: what the process holds at rest.</summary>
    public static (long WorkingSet, long Heap) Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    private void Sample()
    {
        var workingSet = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        lock (_gate)
        {
            _peakWorkingSet = Math.Max(_peakWorkingSet, workingSet);
            _peakHeap = Math.Max(_peakHeap, heap);
        }
    }

    private long Read(ref long field)
    {
        lock (_gate)
        {
            return field;
        }
    }
}
