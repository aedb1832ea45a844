using System;
using System.Threading;

namespace FourOImage.Core.Journal;

/// <summary>One command's use of a shared open journal (see <see cref="JournalRegistry"/>); dispose to release it.</summary>
public sealed class JournalLease : IDisposable
{
    private Action? release;

    internal JournalLease(BatchJournal journal, Action release)
    {
        Journal = journal;
        this.release = release;
    }

    public BatchJournal Journal { get; }

    public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
}
