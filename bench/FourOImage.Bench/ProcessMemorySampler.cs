using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace FourOImage.Bench;

/// <summary>
/// Samples another process's working set every 20 ms, with the time of each sample, so the peak of just the measured
/// window (which the script reports) can be read afterwards, without PowerShell's start-up and Import-Module.
/// </summary>
internal sealed class ProcessMemorySampler : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private readonly Process _process;
    private readonly List<(DateTimeOffset At, long WorkingSet)> _samples = new();
    private readonly Timer _timer;

    public ProcessMemorySampler(Process process)
    {
        _process = process;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, Period);
    }

    /// <summary>The highest working set sampled between <paramref name="from"/> and <paramref name="to"/> (0 if none).</summary>
    public long PeakBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_samples)
        {
            return _samples.Where(s => s.At >= from && s.At <= to).Select(s => s.WorkingSet).DefaultIfEmpty().Max();
        }
    }

    public void Stop() => _timer.Change(Timeout.Infinite, Timeout.Infinite);

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        if (!Monitor.TryEnter(_samples))
        {
            return; // the previous sample is still being taken
        }

        try
        {
            _process.Refresh();
            if (!_process.HasExited)
            {
                _samples.Add((DateTimeOffset.UtcNow, _process.WorkingSet64));
            }
        }
        catch (InvalidOperationException)
        {
            // The process ended between Refresh and reading.
        }
        finally
        {
            Monitor.Exit(_samples);
        }
    }
}
