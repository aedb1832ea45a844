using System;
using System.Collections.Generic;
using System.Globalization;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Turns the waiter's reports into progress bars: one overall bar (done, failed, running, elapsed) and, while only a
/// few tasks are running, a child bar per task under it, each completed when its task ends. A 500-row batch shows one
/// clean bar; the last few stragglers show up individually.
/// </summary>
public sealed class WaitProgressView
{
    public const int MaxChildBars = 5;

    private readonly int _overallId;
    private readonly string _activity;
    private readonly Dictionary<string, int> _children = new(StringComparer.Ordinal);
    private int _lastChildId;

    public WaitProgressView(int overallId, string activity)
    {
        _overallId = overallId;
        _activity = activity;
        _lastChildId = overallId;
    }

    public IReadOnlyList<ProgressUpdate> Render(WaitProgress report)
    {
        var updates = new List<ProgressUpdate>();
        int ended = report.Succeeded + report.Failed;
        string status = string.Format(
            CultureInfo.InvariantCulture,
            "{0} done, {1} failed, {2} running, {3} elapsed",
            report.Succeeded,
            report.Failed,
            report.Running,
            Format(report.Elapsed));
        updates.Add(new ProgressUpdate(_overallId, _activity, status)
        {
            PercentComplete = report.Total == 0 ? 0 : ended * 100 / report.Total,
            Completed = report.IsFinal,
        });

        bool showChildren = !report.IsFinal && report.Running <= MaxChildBars;
        foreach (TaskWaitProgress task in report.Changed)
        {
            bool shown = _children.TryGetValue(task.TaskId, out int childId);
            if (task.State != TaskWaitState.Waiting)
            {
                if (shown)
                {
                    updates.Add(Child(childId, task, completed: true));
                    _children.Remove(task.TaskId);
                }
            }
            else if (showChildren)
            {
                if (!shown)
                {
                    childId = ++_lastChildId;
                    _children.Add(task.TaskId, childId);
                }

                updates.Add(Child(childId, task, completed: false));
            }
        }

        if (!showChildren)
        {
            foreach (KeyValuePair<string, int> child in _children)
            {
                updates.Add(new ProgressUpdate(child.Value, "Task " + child.Key, "hidden") { ParentActivityId = _overallId, Completed = true });
            }

            _children.Clear();
        }

        return updates;
    }

    private ProgressUpdate Child(int id, TaskWaitProgress task, bool completed) =>
        new(id, "Task " + task.TaskId, (completed ? "ended, " : "generating, ") + Format(task.Elapsed) + " elapsed")
        {
            ParentActivityId = _overallId,
            CurrentOperation = PromptText.Shorten(task.Prompt, 80),
            Completed = completed,
        };

    private static string Format(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? ((int)elapsed.TotalHours).ToString(CultureInfo.InvariantCulture) + elapsed.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
