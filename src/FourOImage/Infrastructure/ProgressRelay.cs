using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace FourOImage.Commands;

/// <summary>
/// Progress of the FourOImage cmdlets running on one pipeline thread. PowerShell lets only the command that runs
/// write, so in <c>New-4oImage | Wait-4oImageTask | Save-4oImage</c> Save-4oImage would get its turn only when
/// Wait-4oImageTask hands it a task, and its download bar would stand still in between. Progress needs no such turn:
/// each cmdlet posts its records here from any thread, and whichever FourOImage cmdlet holds the pipeline thread
/// writes everyone's, each under its own cmdlet's source id (ICommandRuntime.WriteProgress(sourceId, record)), so every
/// bar stays live and the host keeps it apart from the others. While the cmdlet holding the thread waits, it asks every
/// cmdlet to redraw its bars twice a second (<see cref="RefreshAll"/>), so their times move even when nothing
/// else happens. A cmdlet whose progress is silenced (-ProgressAction SilentlyContinue, $ProgressPreference) posts nothing.
/// </summary>
internal sealed class ProgressRelay
{
    [ThreadStatic]
    private static ProgressRelay? t_relay;

    private readonly List<Source> _sources = new();

    /// <summary>Set when any source posts; the cmdlet waiting on the pipeline thread wakes up to write.</summary>
    public AutoResetEvent Posted { get; } = new(false);

    /// <summary>The relay of the calling (pipeline) thread.</summary>
    public static ProgressRelay OfThisThread() => t_relay ??= new ProgressRelay();

    /// <summary>On the pipeline thread: a cmdlet's progress joins the relay until <see cref="Source.Leave"/>.</summary>
    public Source Join(bool silenced)
    {
        var source = new Source(this, silenced);
        _sources.Add(source);
        return source;
    }

    /// <summary>On the pipeline thread, by the cmdlet that waits: every cmdlet redraws its bars with the times as they are now.</summary>
    public void RefreshAll()
    {
        foreach (Source source in _sources.ToArray())
        {
            source.RefreshNow();
        }
    }

    /// <summary>On the pipeline thread, by the cmdlet whose turn it is: writes what every cmdlet posted.</summary>
    public void WriteAll(ICommandRuntime writer)
    {
        foreach (Source source in _sources.ToArray())
        {
            source.Write(writer);
        }
    }

    /// <summary>One cmdlet's progress: its records in order, and the bars it has open.</summary>
    internal sealed class Source
    {
        // Far above the ids PowerShell hands out (1, 2, 3, ... per command that writes progress).
        private static long s_lastId = 0x4F_4900_0000_0000L;

        private readonly ProgressRelay _relay;
        private readonly bool _silenced;
        private readonly ConcurrentQueue<ProgressRecord> _posted = new();
        private readonly Dictionary<int, ProgressRecord> _open = new();

        public Source(ProgressRelay relay, bool silenced)
        {
            _relay = relay;
            _silenced = silenced;
        }

        public long Id { get; } = Interlocked.Increment(ref s_lastId);

        /// <summary>Redraws the cmdlet's bars with the times as they are now (posting them); null once it has ended.</summary>
        public Action? Refresh { get; set; }

        /// <summary>From any thread.</summary>
        public void Post(ProgressRecord record)
        {
            if (_silenced)
            {
                return;
            }

            _posted.Enqueue(record);
            _relay.Posted.Set();
        }

        /// <summary>On the pipeline thread, in the cmdlet's own turn: completes the bars still open, children first.</summary>
        public void CompleteOpen(ICommandRuntime writer)
        {
            Write(writer);
            foreach (ProgressRecord record in _open.Values.OrderBy(r => r.ParentActivityId == -1 ? 1 : 0).ToList())
            {
                record.RecordType = ProgressRecordType.Completed;
                Send(writer, record);
            }
        }

        internal void RefreshNow()
        {
            if (!_silenced)
            {
                Refresh?.Invoke();
            }
        }

        /// <summary>On the pipeline thread: the cmdlet's progress is no longer written.</summary>
        public void Leave() => _relay._sources.Remove(this);

        internal void Write(ICommandRuntime writer)
        {
            while (_posted.TryDequeue(out ProgressRecord? record))
            {
                Send(writer, record);
            }
        }

        private void Send(ICommandRuntime writer, ProgressRecord record)
        {
            if (record.RecordType == ProgressRecordType.Completed)
            {
                if (!_open.Remove(record.ActivityId))
                {
                    return; // never drawn, or already completed: nothing to take away
                }
            }
            else
            {
                _open[record.ActivityId] = record;
            }

            writer.WriteProgress(Id, record);
        }
    }
}
