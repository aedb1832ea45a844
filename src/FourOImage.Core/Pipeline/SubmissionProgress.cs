using System;
using System.Threading;
using FourOImage.Core.Submission;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// New-4oImage's bar for rows held back by the submission window: how many rows wait for a slot and about how long
/// sending them will take. Shown only while the window makes rows wait; a batch the window lets through at once shows
/// nothing. Updated at most every half second, from any thread.
/// </summary>
internal sealed class SubmissionProgress
{
    public const string Activity = "Submitting 4o image tasks";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly IPipelineSink _sink;
    private readonly SubmissionLimiter _limiter;
    private readonly ClientOptions _options;
    private readonly int _activityId = ProgressIds.NextBlock();
    private readonly object _gate = new();
    private int _rows;
    private int _unsent;
    private bool _shown;
    private DateTime _lastShown;

    public SubmissionProgress(IPipelineSink sink, ClientOptions options)
    {
        _sink = sink;
        _options = options;
        _limiter = SubmissionLimiter.For(options);
    }

    /// <summary>A row starts: it waits to be sent.</summary>
    public void Entered()
    {
        lock (_gate)
        {
            _rows++;
        }

        Change(+1);
    }

    /// <summary>A row waits to be sent again after a refusal it waits out.</summary>
    public void Waiting() => Change(+1);

    /// <summary>A waiting row is being sent, or ended without being sent.</summary>
    public void NotWaiting() => Change(-1);

    /// <summary>The window made a row wait: show the bar now.</summary>
    public void Paced() => Render(force: true);

    private void Change(int delta)
    {
        lock (_gate)
        {
            _unsent += delta;
        }

        Render(force: false);
    }

    private void Render(bool force)
    {
        ProgressUpdate? update = null;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var paced = _limiter.NextSlotAt is { } next ? next - now : (TimeSpan?)null;
            if (_unsent <= 0 || paced is null)
            {
                if (_shown && (_unsent <= 0 || force))
                {
                    _shown = false;
                    update = new ProgressUpdate(_activityId, Activity, "All rows sent") { PercentComplete = 100, Completed = true };
                }
            }
            else if (force || !_shown || now - _lastShown >= Interval)
            {
                _shown = true;
                _lastShown = now;
                var wait = (paced.Value > TimeSpan.Zero ? paced.Value : TimeSpan.Zero)
                    + SubmissionEstimate.Duration(_unsent, _options.SubmissionLimit, _options.SubmissionWindow);
                update = new ProgressUpdate(
                    _activityId,
                    Activity,
                    $"{_unsent} row(s) waiting for a submission slot ({SubmissionEstimate.DescribeLimit(_options.SubmissionLimit, _options.SubmissionWindow)}); about {SubmissionEstimate.Format(wait)} to send them")
                {
                    PercentComplete = ProgressText.Percent(_rows - _unsent, _rows),
                    SecondsRemaining = (int)Math.Ceiling(wait.TotalSeconds),
                };
            }
        }

        if (update != null)
        {
            _sink.WriteProgress(update);
        }
    }
}
