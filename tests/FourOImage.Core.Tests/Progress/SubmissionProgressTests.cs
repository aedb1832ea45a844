using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Submission;
using FourOImage.Core.Tests.Downloads;
using Xunit;

namespace FourOImage.Core.Tests.Progress;

/// <summary>
/// The submission bar tells what the limiter will do: how many rows wait, when the next slot opens and when the last row
/// can go, read from the account's state (the file the limiter keeps, written here as it writes it) at the time of a
/// hand-moved clock, so it counts down as time passes and follows the limiter when calls are sent.
/// </summary>
public sealed class SubmissionProgressTests : IDisposable
{
    private static readonly DateTime Start = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _folder = new();
    private readonly string _state;
    private readonly ClientOptions _options = new ClientOptions().WithSubmissionLimit(2).WithSubmissionWindow(TimeSpan.FromSeconds(10));
    private readonly ProgressSink _sink = new();
    private DateTime _now = Start;

    public SubmissionProgressTests()
    {
        _state = Path.Combine(_folder.Root, "submissions-test.txt");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rows_held_back_show_the_count_the_next_slot_and_when_all_are_sent_counting_down_with_the_limiter()
    {
        // Both slots of the window were taken by calls answered 3 s ago: they free at +7.2 s (the window and the margin).
        WriteState((1, -3), (2, -3));
        var progress = new SubmissionProgress(_sink, _options, SubmissionLimiter.Create(_state), () => _now);
        for (int i = 0; i < 5; i++)
        {
            progress.Entered();
        }

        // Five rows: two at +7.2 s, two at +17.4 s, the last at +27.6 s.
        progress.Refresh();
        ProgressUpdate first = _sink.Last;
        Assert.Equal(SubmissionProgress.Activity, first.Activity);
        Assert.Equal("5 rows waiting; next slot in 8 s, all sent in 28 s (2 new tasks per 10 s)", first.StatusDescription);
        Assert.Equal(28, first.SecondsRemaining);
        Assert.Equal(0, first.PercentComplete);

        _now = Start.AddSeconds(5);
        progress.Refresh();
        Assert.Equal("5 rows waiting; next slot in 3 s, all sent in 23 s (2 new tasks per 10 s)", _sink.Last.StatusDescription);
        Assert.Equal(23, _sink.Last.SecondsRemaining);

        _now = Start.AddSeconds(7.5);
        progress.Refresh();
        Assert.Equal("5 rows waiting; sending now, all sent in 21 s (2 new tasks per 10 s)", _sink.Last.StatusDescription);

        // Two rows are sent and answered now, as the limiter records them: they count a window from now.
        WriteState((3, 7.5), (4, 7.5));
        progress.Change(-1, 0);
        progress.Change(-1, 0);
        progress.Refresh();
        Assert.Equal("3 rows waiting; next slot in 11 s, all sent in 21 s (2 new tasks per 10 s)", _sink.Last.StatusDescription);
        Assert.Equal(40, _sink.Last.PercentComplete);
        Assert.False(_sink.Last.Completed);

        progress.Change(-1, 0);
        progress.Change(-1, 0);
        progress.Change(-1, 0);
        Assert.True(_sink.Last.Completed);
        Assert.Equal(100, _sink.Last.PercentComplete);
        Assert.Equal(1, _sink.Updates.Count(u => u.Completed));
    }

    [Fact]
    public void A_pause_after_a_refusal_is_in_the_estimate()
    {
        File.WriteAllText(_state, "paused " + Start.AddSeconds(9).Ticks.ToString(CultureInfo.InvariantCulture) + "\n");
        var progress = new SubmissionProgress(_sink, _options, SubmissionLimiter.Create(_state), () => _now);
        progress.Entered();

        Assert.Equal("1 row waiting; all sent in 9 s (2 new tasks per 10 s)", _sink.Last.StatusDescription);
    }

    [Fact]
    public void Rows_the_window_does_not_hold_back_show_no_bar()
    {
        WriteState((1, -3));
        var progress = new SubmissionProgress(_sink, _options, SubmissionLimiter.Create(_state), () => _now);
        progress.Entered();
        progress.Refresh();
        progress.Change(-1, 0);

        Assert.Empty(_sink.Updates);
    }

    [Fact]
    public void Without_a_limit_there_is_no_bar()
    {
        WriteState((1, -3), (2, -3));
        var progress = new SubmissionProgress(_sink, _options.WithSubmissionLimit(0), SubmissionLimiter.Create(_state), () => _now);
        progress.Entered();
        progress.Refresh();

        Assert.Empty(_sink.Updates);
    }

    // Calls answered at Start + seconds, in the limiter's file format.
    private void WriteState(params (int Id, double Seconds)[] answered) =>
        File.WriteAllText(_state, string.Concat(answered.Select(a =>
            a.Id.ToString("x", CultureInfo.InvariantCulture) + " " + Start.AddSeconds(a.Seconds).Ticks.ToString(CultureInfo.InvariantCulture) + "\n")));

    private sealed class ProgressSink : IPipelineSink
    {
        public ConcurrentQueue<ProgressUpdate> Updates { get; } = new();

        public ProgressUpdate Last => Updates.Last();

        public void WriteObject(object item)
        {
        }

        public void WriteError(PipelineError error)
        {
        }

        public void WriteWarning(string text)
        {
        }

        public void WriteVerbose(string text)
        {
        }

        public void WriteDebug(string text)
        {
        }

        public void WriteProgress(ProgressUpdate update) => Updates.Enqueue(update);

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
