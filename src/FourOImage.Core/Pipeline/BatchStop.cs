using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// New-4oImage once an answer dooms every later row: the account is out of credits, the key is refused (401, or 403
/// from the API itself), the base URL answers 404 for the API's own path, the proxy wants credentials, or the API
/// cannot be reached at all (refused, unreachable, name or TLS failure, after the first row's retries). From then on no
/// row is sent, rows waiting for a slot or a retry stop at once, tasks already created go on, and one error at the end
/// says what is wrong, what to do and how many rows were not created. Rows never sent leave no task in the journal and
/// rows refused are recorded as refused, so the same command, once the cause is fixed, sends exactly them.
/// </summary>
internal sealed class BatchStop : IDisposable
{
    private static readonly TimeSpan BalancePatience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _sending;
    private readonly object _gate = new();
    private Task<decimal?>? _balance;
    private FourOImageApiException? _cause;
    private int _refusals;
    private int _notSent;

    public BatchStop(CancellationToken cancellation)
    {
        _sending = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stop.Token);
    }

    /// <summary>An answer that dooms every row: send nothing more.</summary>
    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>For waits before a row is sent (a slot, a retry): cancelled by Ctrl+C and by the stop.</summary>
    public CancellationToken Sending => _sending.Token;

    /// <summary>Why the batch stopped, for the rows it holds back ("the account is out of credits").</summary>
    public string Why => _cause is { } cause ? Describe(cause) : "an earlier row's answer";

    /// <summary>What to do about it, for the rows it holds back.</summary>
    public string WhatToDo => _cause is { Kind: not ApiErrorKind.InsufficientCredits } cause
        ? Advice(cause.Kind)
        : "Top up the credits and run the same command again.";

    /// <summary>Whether <paramref name="error"/>, answered to a generate, would be the same for every later row.</summary>
    public static bool Dooms(FourOImageApiException error) => error.Kind switch
    {
        ApiErrorKind.InsufficientCredits or ApiErrorKind.Unauthorized or ApiErrorKind.NotFound or ApiErrorKind.ProxyAuthenticationRequired => true,

        // Only a connection that could not be set up (for generate, a fault after sending may have created a task).
        ApiErrorKind.NetworkError => !error.TaskMayExist,
        _ => false,
    };

    /// <summary>A row that is not sent because the batch stopped.</summary>
    public void NotSent() => Interlocked.Increment(ref _notSent);

    /// <summary>A row answered with what dooms the batch; true for the first one, which stops the batch (the others are counted).</summary>
    public bool Refused(FourOImageApiException error)
    {
        if (Interlocked.Increment(ref _refusals) != 1)
        {
            return false;
        }

        Volatile.Write(ref _cause, error);
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

    /// <summary>
    /// The one error about the stop: for credits, about the rows after the first refusal (the first is reported on its
    /// own, with the balance); for anything else, the only error, with every row not created. Null when nothing stopped.
    /// </summary>
    public async Task<PipelineError?> SummaryAsync(FourOImageClient client, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cause) is not { } cause)
        {
            return null;
        }

        int refused = Volatile.Read(ref _refusals);
        int notSent = Volatile.Read(ref _notSent);
        if (cause.Kind == ApiErrorKind.InsufficientCredits)
        {
            int refusedToo = refused - 1;
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

        PipelineError shape = PipelineErrors.FromException(cause, PipelineErrors.Areas.Generate, null);
        return new PipelineError(cause, shape.ErrorId, shape.Category, null, Explain(cause, client.Options.BaseUrl, refused, notSent))
        {
            RecommendedAction = Advice(cause.Kind),
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

    /// <summary>What is wrong, in a few words: "the API key was refused".</summary>
    private static string Describe(FourOImageApiException cause) => cause.Kind switch
    {
        ApiErrorKind.InsufficientCredits => "the account is out of credits",
        ApiErrorKind.Unauthorized => "the API key was refused",
        ApiErrorKind.NotFound => "the base URL is not the API's",
        ApiErrorKind.ProxyAuthenticationRequired => "the proxy refused the request",
        _ => "the API cannot be reached",
    };

    private static string Explain(FourOImageApiException cause, Uri baseUrl, int refused, int notSent)
    {
        int total = refused + notSent;
        string counts = cause.Kind == ApiErrorKind.NetworkError
            ? $"{total} row(s) were not sent"
            : refused == 1 ? $"{total} row(s) were not created (1 refused, {notSent} not sent)" : $"{total} row(s) were not created ({refused} refused, {notSent} not sent)";
        string what = cause.Kind switch
        {
            ApiErrorKind.Unauthorized => "The service refused the API key" + (string.IsNullOrWhiteSpace(cause.ServiceMessage) ? "" : $" ('{cause.ServiceMessage!.Trim()}')") +
                ", so no row can be created with it",
            ApiErrorKind.NotFound => $"{WithoutCredentials(baseUrl)} answered 404 (not found) for the API's generate path, so it is not the 4o Image API's base URL",
            ApiErrorKind.ProxyAuthenticationRequired => "The proxy refused the request (HTTP 407), so no row can reach the API through it",
            _ => $"The API cannot be reached ({Trimmed(cause.Message)})",
        };
        return $"{what}: the batch stopped at the first such answer; {counts}.";
    }

    private static string Advice(ApiErrorKind kind)
    {
        const string Again = "then run the same command again; with -Journal exactly the rows not created are sent.";
        return kind switch
        {
            ApiErrorKind.Unauthorized => "Check the API key (-ApiKey, Connect-4oImage or FOUROIMAGE_API_KEY) and that it belongs to the service at -BaseUrl, " + Again,
            ApiErrorKind.NotFound => "Check -BaseUrl (or Connect-4oImage -BaseUrl, FOUROIMAGE_BASE_URL): it is the API's root, such as https://api.kie.ai/, " +
                "without /api/v1; " + Again,
            ApiErrorKind.ProxyAuthenticationRequired => "Give the proxy's credentials with Connect-4oImage -ProxyCredential, or in FOUROIMAGE_PROXY as " +
                "http://user:password@proxy:port/, " + Again,
            _ => "Check -BaseUrl (or Connect-4oImage -BaseUrl, FOUROIMAGE_BASE_URL), the network and any proxy, " + Again,
        };
    }

    // "generate failed: could not connect to ... . Gave up after 5 attempts." without its last full stop.
    private static string Trimmed(string message) => message.Trim().TrimEnd('.');

    private static string WithoutCredentials(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
        return builder.Uri.AbsoluteUri;
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
