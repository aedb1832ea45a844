using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Turns the waiter's reports into progress bars that are true at every moment. One overall bar: the share of tasks
/// ended, with counts ("3 of 12 done, 1 failed, 8 generating, 0:25"). Under it, a bar for each of the
/// <see cref="MaxChildBars"/> oldest tasks still generating, named by its prompt, with its time (which moves on every
/// report, the waiter's heartbeat included) and an empty bar, since the service reports no partial progress. A task
/// keeps its line until it ends; then the next task still generating takes the line, so lines are not removed and
/// drawn again; the final report completes every bar, children first.
/// </summary>
public sealed class WaitProgressView
{
    public const int MaxChildBars = 5;

    /// <summary>
    /// The most of the prompt a child bar carries; the console's Minimal view cuts an activity to half the bar's
    /// width (about 40 columns in an 80-column window, 60 in a wide one), so a wider window shows more of it.
    /// </summary>
    public const int PromptLength = 60;

    private readonly int _overallId;
    private readonly string _activity;

    // Tasks still generating, oldest first: id -> when it was added, on the report clock (report.Elapsed).
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    // Tasks with a line of their own: id -> the line's activity id.
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private int _nextChildId;
    private long _sequence;

    public WaitProgressView(int overallId, string activity)
    {
        _overallId = overallId;
        _activity = activity;
        _nextChildId = overallId + 1;
    }

    public IReadOnlyList<ProgressUpdate> Render(WaitProgress report)
    {
        var freed = new List<int>();
        foreach (TaskWaitProgress task in report.Changed)
        {
            if (task.State == TaskWaitState.Waiting)
            {
                if (!_running.TryGetValue(task.TaskId, out Running? known))
                {
                    _running.Add(task.TaskId, new Running(++_sequence, report.Elapsed - task.Elapsed, task.Prompt));
                }
                else if (task.Prompt != null)
                {
                    known.Prompt = task.Prompt;
                }
            }
            else
            {
                _running.Remove(task.TaskId);
                if (_lines.TryGetValue(task.TaskId, out int line))
                {
                    _lines.Remove(task.TaskId);
                    freed.Add(line);
                }
            }
        }

        var updates = new List<ProgressUpdate>();
        if (report.IsFinal)
        {
            // Children before their parent, so no child is left without one.
            freed.AddRange(_lines.Values);
            _lines.Clear();
            updates.AddRange(freed.Select(Completed));
            updates.Add(Overall(report));
            return updates;
        }

        // The parent first, so the children are drawn under it. A line freed by a task that ended goes to the next
        // task still generating (the line is redrawn, never removed and added again); only a line nobody takes ends.
        updates.Add(Overall(report));
        var free = new Queue<int>(freed.OrderBy(id => id));
        foreach (KeyValuePair<string, Running> task in _running.OrderBy(t => t.Value.Sequence))
        {
            if (_lines.Count >= MaxChildBars)
            {
                break;
            }

            if (!_lines.ContainsKey(task.Key))
            {
                _lines.Add(task.Key, free.Count > 0 ? free.Dequeue() : _nextChildId++);
            }
        }

        updates.AddRange(free.Select(Completed));
        foreach (KeyValuePair<string, int> line in _lines.OrderBy(l => l.Value))
        {
            updates.Add(Child(line.Value, line.Key, _running[line.Key], report.Elapsed));
        }

        return updates;
    }

    private ProgressUpdate Overall(WaitProgress report)
    {
        var status = new List<string>
        {
            string.Format(CultureInfo.InvariantCulture, "{0} of {1} done", report.Succeeded, report.Total),
        };
        if (report.Failed > 0)
        {
            status.Add(report.Failed.ToString(CultureInfo.InvariantCulture) + " failed");
        }

        if (report.Running > 0)
        {
            status.Add(report.Running.ToString(CultureInfo.InvariantCulture) + " generating");
        }
        else if (report.MoreToCome && !report.IsFinal)
        {
            status.Add("waiting for more");
        }

        status.Add(ProgressText.Elapsed(report.Elapsed));
        int percent = ProgressText.Percent(report.Succeeded + report.Failed, report.Total);
        return new ProgressUpdate(_overallId, _activity, string.Join(", ", status))
        {
            // Not full while more tasks may come: the bar fills only when the wait is over.
            PercentComplete = report.MoreToCome && !report.IsFinal ? Math.Min(percent, 99) : percent,
            Completed = report.IsFinal,
        };
    }

    private ProgressUpdate Child(int id, string taskId, Running task, TimeSpan now)
    {
        string name = PromptText.Shorten(task.Prompt, PromptLength) is { Length: > 0 } prompt ? prompt : "Task " + taskId;
        return new ProgressUpdate(id, name, "generating, " + ProgressText.Elapsed(now - task.AddedAt))
        {
            ParentActivityId = _overallId,
            PercentComplete = 0,
            CurrentOperation = "Task " + taskId,
        };
    }

    private ProgressUpdate Completed(int id) =>
        new(id, "Task", "ended") { ParentActivityId = _overallId, PercentComplete = 100, Completed = true };

    private sealed class Running
    {
        public Running(long sequence, TimeSpan addedAt, string? prompt)
        {
            Sequence = sequence;
            AddedAt = addedAt;
            Prompt = prompt;
        }

        public long Sequence { get; }

        public TimeSpan AddedAt { get; }

        public string? Prompt { get; set; }
    }
}
