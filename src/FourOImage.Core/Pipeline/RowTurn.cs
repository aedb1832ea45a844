using System.Threading;

namespace FourOImage.Core.Pipeline;

/// <summary>Whether one New-4oImage row is counted among the rows waiting to be sent (<see cref="SubmissionProgress"/>).</summary>
internal sealed class RowTurn
{
    private readonly SubmissionProgress _progress;
    private int _waiting = 1;

    public RowTurn(SubmissionProgress progress)
    {
        _progress = progress;
        progress.Entered();
    }

    /// <summary>The row's request is being sent (or the row ended without one).</summary>
    public void Sending()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _progress.NotWaiting();
        }
    }

    /// <summary>The row waits again to be sent, after a refusal it waits out.</summary>
    public void Waiting()
    {
        if (Interlocked.Exchange(ref _waiting, 1) == 0)
        {
            _progress.Waiting();
        }
    }
}
