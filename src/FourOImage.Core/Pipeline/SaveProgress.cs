using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Save-4oImage's bar, in files and bytes: "3 of 8 files, 2.4 MB, 2 downloading". Its fraction counts a file being
/// downloaded by the bytes received of the length the image host announced, so one slow file still moves the bar.
/// It is drawn only once saving has lasted <see cref="ShowAfter"/> (a quick save never flashes a bar), redrawn at most
/// every <see cref="Interval"/> when something changed, and completed by <see cref="Complete"/>. Thread-safe.
/// </summary>
internal sealed class SaveProgress : IDisposable
{
    public const string Activity = "Saving 4o images";
    public static readonly TimeSpan ShowAfter = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IPipelineSink _sink;
    private readonly int _id = ProgressIds.NextBlock();
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, (long Received, long? Length)> _downloading = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private int _expected;
    private int _saved;
    private int _failed;
    private long _bytes;
    private bool _changed;
    private bool _shown;
    private bool _ended;
    private bool _inputEnded;

    public SaveProgress(IPipelineSink sink)
    {
        _sink = sink;
        _timer = new Timer(_ => Draw(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>A task's images are about to be saved.</summary>
    public void Expect(int files) => Change(() =>
    {
        _expected += files;
        if (!_clock.IsRunning)
        {
            _clock.Start();
            _timer.Change(ShowAfter, Interval);
        }
    });

    /// <summary>Bytes of an image arrived (<see cref="Downloads.SaveOptions.Receiving"/>).</summary>
    public void Receiving(string image, long received, long? length) => Change(() => _downloading[image] = (received, length));

    /// <summary>An image was saved (or was there already); <paramref name="bytes"/> is its size.</summary>
    public void Saved(string image, long bytes) => Change(() =>
    {
        _downloading.Remove(image);
        _saved++;
        _bytes += bytes;
    });

    /// <summary>Images that will not be saved: failed, declined, or never started.</summary>
    public void NotSaved(string? image, int files = 1) => Change(() =>
    {
        if (image != null)
        {
            _downloading.Remove(image);
        }

        _failed += files;
    });

    /// <summary>No more tasks will come: the count of files is final (until then it says "so far").</summary>
    public void InputEnded() => Change(() => _inputEnded = true);

    /// <summary>Takes the bar away, if it was drawn; nothing is drawn after this.</summary>
    public void Complete()
    {
        ProgressUpdate? last = null;
        lock (_gate)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            if (!_ended && _shown)
            {
                last = Render(completed: true);
            }

            _ended = true;
        }

        if (last != null)
        {
            _sink.WriteProgress(last);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            _changed = true;
        }
    }

    /// <summary>The bar as it stands (tests).</summary>
    internal ProgressUpdate Snapshot()
    {
        lock (_gate)
        {
            return Render(completed: false);
        }
    }

    /// <summary>Redraws the bar when something changed since the last time; the timer calls it.</summary>
    internal void Draw()
    {
        ProgressUpdate update;
        lock (_gate)
        {
            if (_ended || !_changed)
            {
                return;
            }

            _changed = false;
            _shown = true;
            update = Render(completed: false);
        }

        _sink.WriteProgress(update);
    }

    private ProgressUpdate Render(bool completed)
    {
        long received = _bytes + _downloading.Values.Sum(d => d.Received);
        var status = new List<string>
        {
            string.Format(CultureInfo.InvariantCulture, _inputEnded ? "{0} of {1} files" : "{0} of {1} files so far", _saved, _expected),
            ProgressText.Bytes(received),
        };
        if (_downloading.Count > 0)
        {
            status.Add(_downloading.Count.ToString(CultureInfo.InvariantCulture) + " downloading");
        }

        if (_failed > 0)
        {
            status.Add(_failed.ToString(CultureInfo.InvariantCulture) + " not saved");
        }

        double partial = _downloading.Values.Sum(d => d.Length is > 0 ? Math.Min(1.0, (double)d.Received / d.Length.Value) : 0);
        return new ProgressUpdate(_id, Activity, string.Join(", ", status))
        {
            PercentComplete = ProgressText.Percent(_saved + _failed + partial, _expected),
            Completed = completed,
        };
    }
}
