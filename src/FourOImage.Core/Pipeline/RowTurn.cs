using System.Threading;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Where one New-4oImage row is on its way to the service, for <see cref="SubmissionProgress"/>: waiting to be sent
/// (behind -ThrottleLimit or an upload), queued for a submission slot, or sent (or ended without being sent).
/// </summary>
internal sealed class RowTurn
{
    private const int Sent = 0;
    private const int Waiting = 1;
    private const int InQueue = 2;

    private readonly SubmissionProgress _progress;
    private int _state = Waiting;

    public RowTurn(SubmissionProgress progress)
    {
        _progress = progress;
        progress.Entered();
    }

    /// <summary>The row joins the queue for a submission slot.</summary>
    public void Queued()
    {
        if (Interlocked.CompareExchange(ref _state, InQueue, Waiting) == Waiting)
        {
            _progress.Change(0, +1);
        }
    }

    /// <summary>The row's request is being sent (or the row ended without one).</summary>
    public void Sending()
    {
        int was = Interlocked.Exchange(ref _state, Sent);
        if (was != Sent)
        {
            _progress.Change(-1, was == InQueue ? -1 : 0);
        }
    }

    /// <summary>The row waits again to be sent, after a refusal it waits out.</summary>
    public void WaitingAgain()
    {
        int was = Interlocked.Exchange(ref _state, Waiting);
        if (was != Waiting)
        {
            _progress.Change(was == Sent ? +1 : 0, was == InQueue ? -1 : 0);
        }
    }
}
