using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Timing;

namespace FourOImage.Core.Submission;

/// <summary>
/// Admits the generate calls of one account through the service's submission window (20 new tasks per 10 s by
/// default): at most <see cref="ClientOptions.SubmissionLimit"/> calls per window, each counted while it is out and then
/// for a window (plus a small margin) from when its answer arrived, so the service, which counts them when they reach it,
/// never sees more, however late a slow network or a busy server lets them arrive. One limiter per account and
/// process, shared by every runspace and pipeline; processes of the same user cooperate through the
/// <see cref="SubmissionLedger"/> file. Waiting rows are admitted first come, first served.
/// </summary>
internal sealed class SubmissionLimiter
{
    /// <summary>Added to the window, for the service's own clock and bookkeeping.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    /// <summary>While calls of other processes may give back their slots, how often a waiting row looks at the file again.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<string, SubmissionLimiter> Accounts = new(StringComparer.Ordinal);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Clock, ConcurrentDictionary<string, SubmissionLimiter>> TestAccounts = new();
    private static int s_swept;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly SubmissionLedger _ledger;
    private readonly Clock _clock;
    private int _problemReported;
    private string? _corruptionReported;
    private int _waiting;

    private SubmissionLimiter(SubmissionLedger ledger, Clock clock)
    {
        _ledger = ledger;
        _clock = clock;
    }

    /// <summary>The time the window and pauses run on.</summary>
    public Clock Clock => _clock;

    /// <summary>
    /// The longest the module ever pauses the account after a refusal (six windows after 455 maintenance, or a
    /// Retry-After up to 10 minutes): a longer pause in the state file was not written by it, and a longer Retry-After is
    /// cut to this.
    /// </summary>
    public static TimeSpan LongestPause(TimeSpan window)
    {
        var sixWindows = TimeSpan.FromTicks((window.Ticks * 6) + Margin.Ticks);
        return sixWindows > TimeSpan.FromMinutes(10) ? sixWindows : TimeSpan.FromMinutes(10);
    }

    /// <summary>Calls of this process waiting for a slot of the account now, from every pipeline and runspace.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// The limiter of the account <paramref name="options"/> speak for (the API host and the key). A test's own clock
    /// gets a limiter of its own, kept in memory: its times mean nothing to other processes.
    /// </summary>
    public static SubmissionLimiter For(ClientOptions options)
    {
        if (options.Clock != Clock.System)
        {
            return TestAccounts.GetValue(options.Clock, _ => new ConcurrentDictionary<string, SubmissionLimiter>(StringComparer.Ordinal))
                .GetOrAdd(AccountHash(options), _ => new SubmissionLimiter(new SubmissionLedger(null), options.Clock));
        }

        var account = AccountHash(options);
        return Accounts.GetOrAdd(account, name =>
        {
            var path = StatePath(name);
            if (path != null && Interlocked.Exchange(ref s_swept, 1) == 0)
            {
                SweepStale(Path.GetDirectoryName(path)!);
            }

            return new SubmissionLimiter(new SubmissionLedger(path), Clock.System);
        });
    }

    // Once per process: state files nobody wrote for an hour hold nothing that still counts.
    private static void SweepStale(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var file in Directory.GetFiles(folder, "submissions-*.txt"))
            {
                if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-1))
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // Best effort: a file in use or not ours stays.
        }
    }

    /// <summary>For tests: a limiter of its own, over the state file <paramref name="path"/> (null: in memory), on <paramref name="clock"/>.</summary>
    internal static SubmissionLimiter Create(string? path, Clock? clock = null) => new(new SubmissionLedger(path), clock ?? Clock.System);

    /// <summary>Waits (first come, first served) until the account may send one more generate call, and takes that slot.</summary>
    /// <param name="log">Told, once per wait, that the window is full or the account paused, and when, truly, the slot opens.</param>
    /// <param name="warn">Told once per process when the state file cannot be used and pacing covers this process only.</param>
    /// <param name="waiting">Called when this call has to wait for the window (for progress).</param>
    /// <param name="outHorizon">How long a call with no answer counts at most (the request timeout and a window).</param>
    public async Task<SubmissionSlot> AcquireAsync(
        int limit, TimeSpan window, TimeSpan outHorizon, Action<string>? log, Action? waiting, CancellationToken cancellationToken, Action<string>? warn = null)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }

        try
        {
            var reported = false;
            while (true)
            {
                var now = _clock.UtcNow.UtcDateTime;
                var freed = _ledger.Freed;
                var admission = _ledger.TryTake(limit, window + Margin, outHorizon, now);
                ReportFileProblem(warn ?? log, log);
                if (admission.SlotId is long id)
                {
                    return new SubmissionSlot(_ledger, _clock, id, counted: limit > 0);
                }

                if (!reported)
                {
                    reported = true;
                    waiting?.Invoke();
                    log?.Invoke(admission.Paused
                        ? string.Format(CultureInfo.InvariantCulture, "Generate calls of this account are paused; the next one is sent in {0:0.0} s.", admission.WaitFor.TotalSeconds)
                        : string.Format(
                            CultureInfo.InvariantCulture,
                            "The submission window is full ({0} new tasks in the last {1:0.#} s for this account); the next slot opens in {2:0.0} s{3}.",
                            admission.Recent,
                            window.TotalSeconds,
                            admission.WaitFor.TotalSeconds,
                            admission.Estimated ? " at the earliest (some calls still await their answer)" : string.Empty));
                }

                // Wake when the slot opens, or when this process gives one back; and now and then to see whether another
                // process gave one back (the file is only read then, not rewritten).
                await WaitAsync(admission.WaitFor < Recheck ? admission.WaitFor : Recheck, freed, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
            _turn.Release();
        }
    }

    /// <summary>
    /// When <paramref name="rows"/> rows that wait now could be sent, as <see cref="AcquireAsync"/> would admit them,
    /// from the account's calls that count (in every process of this user) and its pause.
    /// </summary>
    public SubmissionForecast Forecast(int rows, int limit, TimeSpan window, TimeSpan outHorizon, DateTime now) =>
        _ledger.Forecast(limit, window + Margin, outHorizon, rows, now);

    /// <summary>The service refused a generate call before creating a task (429, 455, 550): no call of the account is sent for <paramref name="duration"/>.</summary>
    public void Pause(TimeSpan duration)
    {
        var now = _clock.UtcNow.UtcDateTime;
        _ledger.PauseUntil(now + duration, now);
    }

    private async Task WaitAsync(TimeSpan delay, Task freed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = _clock.Delay(delay, stop.Token);
        await Task.WhenAny(timer, freed).ConfigureAwait(false);
        stop.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void ReportFileProblem(Action<string>? warn, Action<string>? log)
    {
        if (_ledger.FileProblem is { } problem && Interlocked.Exchange(ref _problemReported, 1) == 0)
        {
            warn?.Invoke("Submission pacing covers this process only: " + problem + ".");
        }

        if (_ledger.Corruption is { } corruption && !ReferenceEquals(Interlocked.Exchange(ref _corruptionReported, corruption), corruption))
        {
            log?.Invoke("Submission pacing: the state file held " + corruption + ", which this module never writes; it was dropped as corrupt.");
        }
    }

    // The host and the key make the account; only a hash of them is ever written.
    private static string AccountHash(ClientOptions options)
    {
        var key = options.ApiKey?.Reveal() ?? string.Empty;
        var text = options.BaseUrl.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "\n" + key;
        using var sha = Hosting.Sha256Choice.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(32);
        for (var i = 0; i < 16; i++)
        {
            hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    // Per user (temp folders are per user on Windows; on Unix /tmp is shared, so the folder carries the user name).
    private static string? StatePath(string account)
    {
        try
        {
            var user = new StringBuilder();
            foreach (var c in Environment.UserName ?? string.Empty)
            {
                user.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
            }

            return Path.Combine(Path.GetTempPath(), "FourOImage-" + user, "submissions-" + account + ".txt");
        }
        catch (Exception error) when (error is System.Security.SecurityException || error is InvalidOperationException || error is PlatformNotSupportedException)
        {
            return null;
        }
    }
}
