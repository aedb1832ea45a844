using System;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Timing;

/// <summary>
/// The one source of time for every window, backoff, grace and timeout in Core, so tests move time by hand instead of
/// sleeping (a clock of their own in <see cref="ClientOptions"/>, <see cref="Downloads.SaveOptions"/> or the waiter).
/// Our own four members rather than TimeProvider, which on netstandard2.0 would ship one more dll (docs/architecture.md).
/// </summary>
internal abstract class Clock
{
    /// <summary>Real time: what every user of the module gets.</summary>
    public static Clock System { get; } = new SystemClock();

    /// <summary>Monotonic time since the clock started: for measuring how long something took or is left.</summary>
    public abstract TimeSpan Elapsed { get; }

    /// <summary>Wall time: for stamps compared with the service's times or shared with other processes.</summary>
    public abstract DateTimeOffset UtcNow { get; }

    /// <summary>Completes after <paramref name="delay"/> of this clock's time; cancelled by <paramref name="cancellationToken"/>.</summary>
    public abstract Task Delay(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels <paramref name="source"/> after <paramref name="delay"/> of this clock's time, replacing any earlier
    /// schedule of it (as <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>); an infinite delay never does.
    /// </summary>
    public abstract void CancelAfter(CancellationTokenSource source, TimeSpan delay);
}
