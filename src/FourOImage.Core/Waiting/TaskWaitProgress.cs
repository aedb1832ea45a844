using System;

namespace FourOImage.Core.Waiting;

/// <summary>One task's progress, as of its latest change.</summary>
public sealed class TaskWaitProgress
{
    internal TaskWaitProgress(string taskId, TaskWaitState state, int polls, TimeSpan elapsed, string? prompt)
    {
        TaskId = taskId;
        State = state;
        Polls = polls;
        Elapsed = elapsed;
        Prompt = prompt;
    }

    public string TaskId { get; }

    public TaskWaitState State { get; }

    public int Polls { get; }

    /// <summary>Time since the task was added.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The prompt when known (for a progress caption).</summary>
    public string? Prompt { get; }
}
