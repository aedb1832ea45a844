using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Timing;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>A poll delegate that answers from a per-task script and records every call with the clock time.</summary>
internal sealed class ScriptedPolls
{
    private readonly Clock clock;
    private readonly ConcurrentDictionary<string, Func<int, ImageTask>> scripts = new();
    private readonly ConcurrentQueue<(string TaskId, TimeSpan At)> calls = new();

    public ScriptedPolls(Clock clock)
    {
        this.clock = clock;
    }

    public IReadOnlyList<(string TaskId, TimeSpan At)> Calls => calls.ToArray();

    /// <summary>The task reports running until its n-th poll, which reports success.</summary>
    public ScriptedPolls SucceedsOnPoll(string taskId, int poll) =>
        Script(taskId, n => n >= poll ? TaskSnapshots.Succeeded(taskId) : TaskSnapshots.Running(taskId));

    public ScriptedPolls NeverEnds(string taskId) => Script(taskId, _ => TaskSnapshots.Running(taskId));

    /// <summary>Each poll gets its 1-based number and returns a snapshot or throws.</summary>
    public ScriptedPolls Script(string taskId, Func<int, ImageTask> answer)
    {
        scripts[taskId] = answer;
        return this;
    }

    public int CountFor(string taskId) => calls.Count(c => c.TaskId == taskId);

    public IReadOnlyList<TimeSpan> TimesFor(string taskId) => calls.Where(c => c.TaskId == taskId).Select(c => c.At).ToArray();

    public Task<ImageTask> Poll(string taskId, CancellationToken cancellationToken)
    {
        calls.Enqueue((taskId, clock.Elapsed));
        try
        {
            return Task.FromResult(scripts[taskId](CountFor(taskId)));
        }
        catch (Exception ex)
        {
            return Task.FromException<ImageTask>(ex);
        }
    }
}
