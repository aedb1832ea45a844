using System;
using System.Globalization;
using FourOImage.Core.Submission;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// New-4oImage's bar for rows held back by the submission window: how many rows wait, when all of them can be sent and
/// when the next slot opens, worked out from the limiter's real state (<see cref="SubmissionForecast"/>: the calls that
/// count in every process of this user, a pause after a refusal, and the rows of other pipelines of this process
/// queued ahead), so it counts down as time passes; its share is rows sent of rows seen. Shown only while the window
/// holds rows back; a batch the window lets through at once shows nothing. Redrawn at most every half second as rows
/// move, and on <see cref="Refresh"/> (twice a second while the pipeline thread waits). Thread-safe.
/// </summary>
internal sealed class SubmissionProgress
{
    public const string Activity = "Submitting 4o image tasks";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    // A row that can go within this is not held back: no bar for it.
    private static readonly TimeSpan HeldBack = TimeSpan.FromSeconds(1);

    private readonly IPipelineSink _sink;
    private readonly SubmissionLimiter _limiter;
    private readonly ClientOptions _options;
    private readonly Func<DateTime> _now;
    private readonly int _activityId = ProgressIds.NextBlock();
    private readonly object _gate = new();
    private int _rows;
    private int _unsent;
    private int _queued;
    private bool _shown;
    private DateTime _lastLook = DateTime.MinValue;

    public SubmissionProgress(IPipelineSink sink, ClientOptions options)
        : this(sink, options, SubmissionLimiter.For(options), () => options.Clock.UtcNow.UtcDateTime)
    {
    }

    /// <summary>For tests: a limiter and a clock of their own.</summary>
    internal SubmissionProgress(IPipelineSink sink, ClientOptions options, SubmissionLimiter limiter, Func<DateTime> now)
    {
        _sink = sink;
        _options = options;
        _limiter = limiter;
        _now = now;
    }

    /// <summary>A row starts: it waits to be sent.</summary>
    public void Entered()
    {
        lock (_gate)
        {
            _rows++;
        }

        Change(+1, 0);
    }

    /// <summary>
    /// A row's state changed: <paramref name="unsent"/> +1 when it waits again (after a refusal it waits out), -1 when it
    /// is sent or ends; <paramref name="queued"/> +1 when it joins the limiter's queue, -1 when it leaves it.
    /// </summary>
    public void Change(int unsent, int queued)
    {
        lock (_gate)
        {
            _unsent += unsent;
            _queued += queued;
        }

        Render(force: false);
    }

    /// <summary>
    /// Redraws the bar with the times as they are now (the countdown), if it is shown or should be; also when the window
    /// made a row wait, so the bar shows at once.
    /// </summary>
    public void Refresh() => Render(force: true);

    private void Render(bool force)
    {
        ProgressUpdate? update = null;
        lock (_gate)
        {
            DateTime now = _now();
            if (_unsent <= 0 || _options.SubmissionLimit <= 0)
            {
                if (_shown)
                {
                    _shown = false;
                    update = new ProgressUpdate(_activityId, Activity, "All rows sent") { PercentComplete = 100, Completed = true };
                }
            }
            else if (force || now - _lastLook >= Interval)
            {
                _lastLook = now;
                SubmissionForecast forecast = Forecast(now);
                if (_shown || forecast.LastRowAt - now >= HeldBack)
                {
                    _shown = true;
                    update = Waiting(forecast, now);
                }
            }
        }

        if (update != null)
        {
            _sink.WriteProgress(update);
        }
    }

    // This operation's rows and, ahead of its last one, the rows of other pipelines of this process already queued.
    private SubmissionForecast Forecast(DateTime now)
    {
        int ahead = _unsent + Math.Max(0, _limiter.Waiting - _queued);
        return _limiter.Forecast(ahead, _options.SubmissionLimit, _options.SubmissionWindow, GenerateSubmission.OutHorizon(_options), now);
    }

    // The count and the next slot first: the console cuts a long status at its end, and shows the time until all are
    // sent (SecondsRemaining) in a place of its own.
    private ProgressUpdate Waiting(SubmissionForecast forecast, DateTime now)
    {
        TimeSpan last = forecast.LastRowAt - now;
        TimeSpan next = forecast.NextSlotAt - now;
        string rows = _unsent == 1 ? "1 row waiting" : _unsent.ToString(CultureInfo.InvariantCulture) + " rows waiting";
        string allSent = "all sent in " + SubmissionEstimate.Format(last);
        string when = last <= TimeSpan.Zero ? "sending now"
            : next <= TimeSpan.Zero ? "sending now, " + allSent
            : SubmissionEstimate.Format(next) == SubmissionEstimate.Format(last) ? allSent
            : $"next slot in {SubmissionEstimate.Format(next)}, {allSent}";
        return new ProgressUpdate(
            _activityId,
            Activity,
            $"{rows}; {when} ({SubmissionEstimate.DescribeLimit(_options.SubmissionLimit, _options.SubmissionWindow)})")
        {
            PercentComplete = ProgressText.Percent(_rows - _unsent, _rows),
            SecondsRemaining = last > TimeSpan.Zero ? (int)Math.Ceiling(last.TotalSeconds) : 0,
        };
    }
}
