using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace FourOImage.Core.Submission;

/// <summary>
/// One account's generate calls still out (sent, no answer yet) and answered within the window, and until when the
/// account is paused, shared by every process
/// of this user on this machine through a small state file (named by a hash of the account, never the key). Each change
/// reads, changes and writes the file under an exclusive lock held for microseconds; a file that cannot be used
/// leaves the ledger to this process alone. Thread-safe.
/// </summary>
internal sealed class SubmissionLedger
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(2);

    /// <summary>While the window is full of calls still out, how often to look again for their answers.</summary>
    private static readonly TimeSpan OutPoll = TimeSpan.FromMilliseconds(50);
    private readonly object _gate = new();
    private readonly List<Stamp> _stamps = new();
    private string? _path;
    private DateTime _pausedUntil;
    private long _nextId = BitConverter.ToInt64(Guid.NewGuid().ToByteArray(), 0); // unique across processes sharing the file

    /// <param name="path">The shared state file; null keeps the ledger in this process.</param>
    public SubmissionLedger(string? path)
    {
        _path = path;
    }

    /// <summary>Why the file is not used (for verbose output); null while it is.</summary>
    public string? FileProblem { get; private set; }

    /// <summary>
    /// Takes a slot when the account is not paused and fewer than <paramref name="limit"/> calls are out or were answered
    /// in the last <paramref name="window"/> (a limit of 0 counts nothing); otherwise says how long until that may
    /// change. A call still out counts until its answer (it may reach the service late), or at most
    /// <paramref name="outHorizon"/> after it was sent (its process may have died).
    /// </summary>
    public Admission TryTake(int limit, TimeSpan window, TimeSpan outHorizon, DateTime now) => Update(now, () =>
    {
        _stamps.RemoveAll(s => !s.Counts(now, window, outHorizon));
        if (_pausedUntil > now)
        {
            return Admission.Wait(_pausedUntil - now, paused: true, _stamps.Count);
        }

        if (limit > 0 && _stamps.Count >= limit)
        {
            var next = now + OutPoll;
            foreach (var stamp in _stamps)
            {
                var free = stamp.Out ? now + OutPoll : stamp.Time + window;
                next = free < next ? free : next;
            }

            return Admission.Wait(next - now, paused: false, _stamps.Count);
        }

        var id = Interlocked.Increment(ref _nextId);
        if (limit > 0)
        {
            _stamps.Add(new Stamp(id, now, isOut: true));
        }

        return Admission.Slot(id);
    });

    /// <summary>The call's answer (or failure) arrived: it counts for a full window from now, the latest it can have arrived.</summary>
    public void Restamp(long id, DateTime now) => Update(now, () =>
    {
        _stamps.RemoveAll(s => s.Id == id);
        _stamps.Add(new Stamp(id, now, isOut: false));
        return true;
    });

    /// <summary>Nothing was sent with the slot: it does not count.</summary>
    public void Release(long id, DateTime now) => Update(now, () => _stamps.RemoveAll(s => s.Id == id) > 0);

    /// <summary>
    /// When <paramref name="rows"/> rows waiting now could be sent, from the calls that count and the pause (the file is
    /// read, not written).
    /// </summary>
    public SubmissionForecast Forecast(int limit, TimeSpan window, TimeSpan outHorizon, int rows, DateTime now) => Update(now, write: false, () =>
        SubmissionForecast.Compute(
            _stamps.Where(s => s.Counts(now, window, outHorizon)).Select(s => (s.Time, s.Out)).ToList(), _pausedUntil, limit, window, rows, now));

    /// <summary>No generate call of the account is sent before <paramref name="until"/> (an earlier pause is never shortened).</summary>
    public void PauseUntil(DateTime until, DateTime now) => Update(now, () =>
    {
        _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
        return true;
    });

    private T Update<T>(DateTime now, Func<T> change) => Update(now, write: true, change);

    private T Update<T>(DateTime now, bool write, Func<T> change)
    {
        lock (_gate)
        {
            using var file = OpenLocked();
            if (file != null)
            {
                Read(file);
            }

            var result = change();
            if (file != null && write)
            {
                Write(file, now);
            }

            return result;
        }
    }

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
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

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
                FileProblem = $"the submission state file '{_path}' cannot be used ({error.Message}); pacing covers this process only";
                _path = null;
                return null;
            }
        }
    }

    // Another process holds the file; a missing folder or a bad path is not worth waiting for.
    private static bool IsLockedByOther(IOException error) =>
        error is not DirectoryNotFoundException && error is not PathTooLongException && error is not FileNotFoundException;

    private void Read(FileStream file)
    {
        file.Position = 0;
        var text = new StreamReader(file, Encoding.UTF8, false, 4096, leaveOpen: true).ReadToEnd();
        _stamps.Clear();
        _pausedUntil = DateTime.MinValue;
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
                _pausedUntil = time;
            }
            else if (long.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
            {
                _stamps.Add(new Stamp(id, time, isOut: parts.Length == 3 && parts[2] == "out"));
            }
        }
    }

    private void Write(FileStream file, DateTime now)
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

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
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
