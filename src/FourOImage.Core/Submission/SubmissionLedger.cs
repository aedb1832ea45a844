using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Submission;

/// <summary>
/// One account's generate calls still out (sent, no answer yet) and answered within the window, and until when the
/// account is paused, shared by every process
/// of this user on this machine through a small state file (named by a hash of the account, never the key). Each change
/// reads, changes and writes the file (only when its content changes) under an exclusive lock held for microseconds;
/// a file that cannot be used (its folder is not this user's alone: <see cref="StateFolder"/>) leaves the ledger to this
/// process alone. What the file holds that no process of the module could have written (a stamp more than a window
/// ahead, a pause longer than the longest one the module sets) is dropped as corrupt. Thread-safe.
/// </summary>
internal sealed class SubmissionLedger
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly List<Stamp> _stamps = new();
    private string? _path;
    private DateTime _pausedUntil;
    private bool _folderReady;
    private TimeSpan _window = ClientOptions.DefaultSubmissionWindow + SubmissionLimiter.Margin;
    private TaskCompletionSource<bool> _freed = NewSignal();
    private long _nextId = BitConverter.ToInt64(Guid.NewGuid().ToByteArray(), 0); // unique across processes sharing the file

    /// <param name="path">The shared state file; null keeps the ledger in this process.</param>
    public SubmissionLedger(string? path)
    {
        _path = path;
    }

    /// <summary>Why the file is not used (for verbose output); null while it is.</summary>
    public string? FileProblem { get; private set; }

    /// <summary>What was last dropped from the file as corrupt (for verbose output); null when nothing was.</summary>
    public string? Corruption { get; private set; }

    /// <summary>Completes when this process gives back a slot it took (nothing was sent with it).</summary>
    public Task Freed
    {
        get
        {
            lock (_gate)
            {
                return _freed.Task;
            }
        }
    }

    /// <summary>
    /// Takes a slot when the account is not paused and fewer than <paramref name="limit"/> calls are out or were answered
    /// in the last <paramref name="window"/> (a limit of 0 counts nothing); otherwise says how long until that may
    /// change. A call still out counts until its answer (it may reach the service late), or at most
    /// <paramref name="outHorizon"/> after it was sent (its process may have died).
    /// </summary>
    public Admission TryTake(int limit, TimeSpan window, TimeSpan outHorizon, DateTime now) => Update(now, window, () =>
    {
        _stamps.RemoveAll(s => !s.Counts(now, window, outHorizon));
        if (_pausedUntil > now)
        {
            return Admission.Wait(_pausedUntil - now, paused: true, _stamps.Count);
        }

        if (limit > 0 && _stamps.Count >= limit)
        {
            // A call still out frees its slot a window after its answer, which is now at the earliest (or at its
            // horizon); so the slot needed opens when the (count - limit + 1)-th earliest of these comes.
            var frees = _stamps
                .Select(s => s.Out ? Earlier(now + window, s.Time + outHorizon) : s.Time + window)
                .OrderBy(free => free)
                .ToList();
            var next = frees[_stamps.Count - limit];
            return Admission.Wait(next - now, paused: false, _stamps.Count, estimated: _stamps.Any(s => s.Out));
        }

        var id = Interlocked.Increment(ref _nextId);
        if (limit > 0)
        {
            _stamps.Add(new Stamp(id, now, isOut: true));
        }

        return Admission.Slot(id);
    });

    /// <summary>The call's answer (or failure) arrived: it counts for a full window from now, the latest it can have arrived.</summary>
    public void Restamp(long id, DateTime now) => Update(now, null, () =>
    {
        _stamps.RemoveAll(s => s.Id == id);
        _stamps.Add(new Stamp(id, now, isOut: false));
        return true;
    });

    /// <summary>Nothing was sent with the slot: it does not count.</summary>
    public void Release(long id, DateTime now)
    {
        Update(now, null, () => _stamps.RemoveAll(s => s.Id == id) > 0);
        TaskCompletionSource<bool> freed;
        lock (_gate)
        {
            freed = _freed;
            _freed = NewSignal();
        }

        freed.TrySetResult(true);
    }

    /// <summary>
    /// When <paramref name="rows"/> rows waiting now could be sent, from the calls that count and the pause (the file is
    /// read, not written).
    /// </summary>
    public SubmissionForecast Forecast(int limit, TimeSpan window, TimeSpan outHorizon, int rows, DateTime now) => Update(now, window, write: false, () =>
        SubmissionForecast.Compute(
            _stamps.Where(s => s.Counts(now, window, outHorizon)).Select(s => (s.Time, s.Out)).ToList(), _pausedUntil, limit, window, rows, now));

    /// <summary>No generate call of the account is sent before <paramref name="until"/> (an earlier pause is never shortened).</summary>
    public void PauseUntil(DateTime until, DateTime now) => Update(now, null, () =>
    {
        var longest = now + SubmissionLimiter.LongestPause(_window);
        until = until > longest ? longest : until;
        _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
        return true;
    });

    private T Update<T>(DateTime now, TimeSpan? window, Func<T> change) => Update(now, window, write: true, change);

    private T Update<T>(DateTime now, TimeSpan? window, bool write, Func<T> change)
    {
        lock (_gate)
        {
            _window = window ?? _window;
            using var file = OpenLocked();
            string? before = null;
            if (file != null)
            {
                before = Read(file, now);
            }

            var result = change();
            if (file != null && write)
            {
                Write(file, now, before!);
            }

            return result;
        }
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    private FileStream? OpenLocked()
    {
        if (_path is null)
        {
            return null;
        }

        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                if (!_folderReady)
                {
                    StateFolder.Prepare(Path.GetDirectoryName(_path)!);
                    _folderReady = true;
                }

                // FileShare.None: an exclusive open on Windows, an advisory flock on Unix (dropped when a process dies).
                return new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
            }
            catch (IOException error) when (IsLockedByOther(error) && DateTime.UtcNow - started < LockPatience)
            {
                Thread.Sleep(3);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is NotSupportedException)
            {
                // Keep going with this process's own record rather than fail or stall a batch.
                FileProblem = $"the submission state file '{_path}' cannot be used ({error.Message.TrimEnd('.')})";
                _path = null;
                return null;
            }
        }
    }

    // Another process holds the file; a missing folder or a bad path is not worth waiting for.
    private static bool IsLockedByOther(IOException error) =>
        error is not DirectoryNotFoundException && error is not PathTooLongException && error is not FileNotFoundException;

    /// <summary>Loads the file (dropping what this module could not have written) and returns its text as it was.</summary>
    private string Read(FileStream file, DateTime now)
    {
        file.Position = 0;
        var text = new StreamReader(file, Encoding.UTF8, false, 4096, leaveOpen: true).ReadToEnd();
        _stamps.Clear();
        _pausedUntil = DateTime.MinValue;
        string? dropped = null;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Trim().Split(' ');
            if (parts.Length < 2 || parts.Length > 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                continue; // a torn or foreign line: ignore it
            }

            var time = new DateTime(ticks, DateTimeKind.Utc);
            if (parts[0] == "paused")
            {
                var longest = SubmissionLimiter.LongestPause(_window) + SubmissionLimiter.Margin;
                if (time > now + longest)
                {
                    dropped = string.Format(
                        CultureInfo.InvariantCulture, "a pause until {0:u}, longer than the {1:0} s the module ever pauses", time, longest.TotalSeconds);
                    continue;
                }

                _pausedUntil = time;
            }
            else if (long.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
            {
                if (time > now + _window)
                {
                    dropped = string.Format(
                        CultureInfo.InvariantCulture, "a call stamped {0:0.0} s in the future, more than a window ahead", (time - now).TotalSeconds);
                    continue;
                }

                // Within a window ahead (a clock set back): it counts from now, never longer than a window from now.
                _stamps.Add(new Stamp(id, time > now ? now : time, isOut: parts.Length == 3 && parts[2] == "out"));
            }
        }

        if (dropped is not null)
        {
            Corruption = dropped;
        }

        return text;
    }

    private void Write(FileStream file, DateTime now, string before)
    {
        var text = new StringBuilder();
        if (_pausedUntil > now)
        {
            text.Append("paused ").Append(_pausedUntil.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var stamp in _stamps)
        {
            text.Append(stamp.Id.ToString("x", CultureInfo.InvariantCulture)).Append(' ')
                .Append(stamp.Time.Ticks.ToString(CultureInfo.InvariantCulture)).Append(stamp.Out ? " out\n" : "\n");
        }

        var after = text.ToString();
        if (after == before)
        {
            return; // nothing changed: the file is left alone (waiting rows look at it without rewriting it)
        }

        var bytes = Encoding.UTF8.GetBytes(after);
        file.Position = 0;
        file.SetLength(0);
        file.Write(bytes, 0, bytes.Length);
        file.Flush();
    }

    private readonly struct Stamp
    {
        public Stamp(long id, DateTime time, bool isOut)
        {
            Id = id;
            Time = time;
            Out = isOut;
        }

        public long Id { get; }

        /// <summary>When the call was sent (while out) or answered.</summary>
        public DateTime Time { get; }

        /// <summary>Sent and not answered yet.</summary>
        public bool Out { get; }

        /// <summary>Still counts against the window: answered within it, or out for less than the horizon.</summary>
        public bool Counts(DateTime now, TimeSpan window, TimeSpan outHorizon) => Time > now - (Out ? outHorizon : window);
    }
}
