using System;

namespace FourOImage.Core.Waiting;

/// <summary>
/// Right after generate the service may answer "record is null" (or no data) for the new task for a few seconds. A task
/// this module created recently (it received the id from generate, or the journal or the service's createTime says so)
/// is given <see cref="WaitOptions.NewTaskGrace"/> from its creation to become visible before it counts as not found;
/// an id never seen is not found at once.
/// </summary>
internal static class NewTaskGrace
{
    /// <summary>When the task was created, as far as this process knows; null for an id it never saw being created.</summary>
    public static DateTimeOffset? CreatedAt(string taskId, ImageTask? snapshot) =>
        snapshot?.CreatedLocally ?? CreatedTasks.CreatedAt(taskId) ?? snapshot?.CreateTime;

    /// <summary>How much longer "no record" may mean "not visible yet"; null when it means "not found" now.</summary>
    public static TimeSpan? Remaining(DateTimeOffset? createdAt, TimeSpan grace, DateTimeOffset now)
    {
        if (createdAt is not { } created || grace <= TimeSpan.Zero)
        {
            return null;
        }

        var left = created + grace - now;
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>The error once the grace is over: the task was created but the service never showed it.</summary>
    public static TaskNotFoundException NotFound(string taskId, DateTimeOffset created, TimeSpan grace, FourOImageApiException lastAnswer) =>
        new(taskId, created, grace, lastAnswer);
}
