using System;
using System.Globalization;
using System.Threading;

namespace FourOImage.Core.Downloads;

/// <summary>
/// The limits on one attempt at one image beyond the stall limit (which a byte now and then resets): the low-speed rule
/// (as curl's --speed-limit/--speed-time: fewer than <see cref="SaveOptions.LowSpeedLimit"/> bytes per second over
/// <see cref="SaveOptions.LowSpeedTime"/>) and the attempt's deadline. <see cref="Token"/> is cancelled when either
/// is broken, and <see cref="Reason"/> says which.
/// </summary>
internal sealed class DownloadWatch : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Timer? _speedCheck;
    private readonly Timer _deadlineTimer;
    private readonly long _limit;
    private readonly long _minimumPerSpan;
    private readonly TimeSpan _span;
    private readonly TimeSpan _deadline;
    private long _received;
    private long _receivedAtLastCheck;
    private string? _reason;

    public DownloadWatch(SaveOptions limits, CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _span = limits.LowSpeedTime;
        _deadline = limits.ImageDeadline;
        _limit = limits.LowSpeedLimit;
        _minimumPerSpan = (long)Math.Ceiling(_limit * _span.TotalSeconds);
        if (_minimumPerSpan > 0)
        {
            _speedCheck = new Timer(_ => CheckSpeed(), null, _span, _span);
        }

        _deadlineTimer = new Timer(_ => Break($"not complete within the deadline of {Seconds(_deadline)} s for one image"), null, _deadline, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>Which limit was broken ("slower than ..."), or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>The bytes received so far in this attempt.</summary>
    public void Received(long total) => Volatile.Write(ref _received, total);

    public void Dispose()
    {
        _speedCheck?.Dispose();
        _deadlineTimer.Dispose();
        _cancel.Dispose();
    }

    private void CheckSpeed()
    {
        var now = Volatile.Read(ref _received);
        var got = now - _receivedAtLastCheck;
        _receivedAtLastCheck = now;
        if (got < _minimumPerSpan)
        {
            Break(string.Format(
                CultureInfo.InvariantCulture,
                "slower than {0} bytes/s over {1} s ({2} bytes arrived in that time)",
                _limit,
                Seconds(_span),
                got));
        }
    }

    private void Break(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The attempt ended meanwhile.
            }
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
