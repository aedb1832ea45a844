using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// New-4oImage once the account is out of credits: the first refusal for credits is reported (with the balance, when a
/// credit query can tell it); from then on no row is sent, rows waiting for a submission slot stop waiting at once,
/// tasks already created go on, and one error at the end says how many rows were not created. Rows never sent leave no
/// trace in the journal and rows refused are recorded as refused, so the same command after a top-up sends exactly them.
/// </summary>
internal sealed class CreditStop : IDisposable
{
    private static readonly TimeSpan BalancePatience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _sending;
    private readonly object _gate = new();
    private Task<decimal?>? _balance;
    private int _refusals;
    private int _notSent;

    public CreditStop(CancellationToken cancellation)
    {
        _sending = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stop.Token);
    }

    /// <summary>The account answered that it is out of credits: send nothing more.</summary>
    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>For waits before a row is sent: cancelled by Ctrl+C and by running out of credits.</summary>
    public CancellationToken Sending => _sending.Token;

    /// <summary>A row that is not sent because the account is out of credits.</summary>
    public void NotSent() => Interlocked.Increment(ref _notSent);

    /// <summary>A row refused for credits; true for the first one, which is reported on its own (the others are counted).</summary>
    public bool Refused()
    {
        if (Interlocked.Increment(ref _refusals) != 1)
        {
            return false;
        }

        _stop.Cancel();
        return true;
    }

    /// <summary>The balance, read once; null when the credit query cannot tell it.</summary>
    public Task<decimal?> BalanceAsync(FourOImageClient client, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _balance ??= ReadBalanceAsync(client, cancellationToken);
        }
    }

    /// <summary>The one error about the rows after the first refusal that were not created; null when there are none.</summary>
    public async Task<PipelineError?> SummaryAsync(FourOImageClient client, CancellationToken cancellationToken)
    {
        int refusedToo = Math.Max(0, Volatile.Read(ref _refusals) - 1);
        int notSent = Volatile.Read(ref _notSent);
        if (refusedToo + notSent == 0)
        {
            return null;
        }

        decimal? balance = await BalanceAsync(client, cancellationToken).ConfigureAwait(false);
        string parts = refusedToo == 0
            ? $"{notSent} not sent"
            : notSent == 0 ? $"{refusedToo} refused for credits too" : $"{refusedToo} refused for credits too, {notSent} not sent";
        var message = $"The account is out of credits{BalanceText(balance)}: {refusedToo + notSent} more row(s) were not created ({parts}).";
        return new PipelineError(new FourOImageException(message), "FourOImage.Generate.NotSent", PipelineErrorCategory.QuotaExceeded, null)
        {
            RecommendedAction = "Top up the credits, then run the same command again; with -Journal exactly the rows not created are sent.",
        };
    }

    /// <summary>" (balance: 0.5 credits)", or nothing when the balance is not known.</summary>
    public static string BalanceText(decimal? balance) =>
        balance is decimal credits ? " (balance: " + credits.ToString(CultureInfo.InvariantCulture) + " credits)" : string.Empty;

    public void Dispose()
    {
        _sending.Dispose();
        _stop.Dispose();
    }

    private static async Task<decimal?> ReadBalanceAsync(FourOImageClient client, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(BalancePatience);
        try
        {
            return await client.GetCreditAsync(patience.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FourOImageException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
