using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind Get-4oImageTask: reads each task's current state, at most ThrottleLimit at a time. A task this process just
/// created that the service does not show yet is asked for again, once a second, through its grace
/// (<see cref="ClientOptions.NewTaskGracePeriod"/>); an id never seen is not found at once. A task marked successful
/// without result URLs is asked for again through the same grace, counted from when it was first seen so.
/// </summary>
public sealed class TaskQueryOperation : ThrottledOperation
{
    private static readonly TimeSpan AskAgain = TimeSpan.FromSeconds(1);
    private readonly TaskClients _clients;

    public TaskQueryOperation(IPipelineSink sink, FourOImageClient client, int throttleLimit, CancellationToken cancellationToken)
        : this(sink, TaskClients.Of(client ?? throw new ArgumentNullException(nameof(client))), throttleLimit, cancellationToken)
    {
    }

    /// <param name="clients">Each task is read through the connection it carries, else the command's own.</param>
    public TaskQueryOperation(IPipelineSink sink, TaskClients clients, int throttleLimit, CancellationToken cancellationToken)
        : base(sink, throttleLimit, cancellationToken)
    {
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
    }

    /// <summary>Throws as <see cref="TaskClients.For"/> does when no client can serve the task (on the caller's thread).</summary>
    public void Submit(TaskReference reference)
    {
        FourOImageClient client = _clients.For(reference);
        Start(PipelineErrors.Areas.Task, reference.TaskId, () => ThrottledAsync(async () =>
            EmitTask(await GetVisibleAsync(client, reference).ConfigureAwait(false))));
    }

    private async Task<ImageTask> GetVisibleAsync(FourOImageClient client, TaskReference reference)
    {
        DateTimeOffset? created = NewTaskGrace.CreatedAt(reference.TaskId, reference.Task);
        TimeSpan grace = client.Options.NewTaskGracePeriod;
        DateTimeOffset? resultsMissingSince = null;
        while (true)
        {
            try
            {
                ImageTask task = await client.GetTaskAsync(reference.TaskId, Cancellation).ConfigureAwait(false);
                if (!MissingResults.Applies(task))
                {
                    return task;
                }

                // Successful without result URLs: asked again through the grace, like a record not visible yet.
                DateTimeOffset now = client.Options.Clock.UtcNow;
                resultsMissingSince ??= now;
                if (NewTaskGrace.Remaining(resultsMissingSince, grace, now) is not { } wait)
                {
                    throw new TaskResultsMissingException(reference.TaskId, now - resultsMissingSince.Value);
                }

                Sink.WriteVerbose($"Task {reference.TaskId} is marked successful but has no result URLs yet; asking again.");
                await client.Options.Clock.Delay(wait < AskAgain ? wait : AskAgain, Cancellation).ConfigureAwait(false);
            }
            catch (FourOImageApiException missing) when (missing.RecordMissing && created is { } at)
            {
                if (NewTaskGrace.Remaining(at, grace, client.Options.Clock.UtcNow) is not { } left)
                {
                    throw NewTaskGrace.NotFound(reference.TaskId, at, grace, missing);
                }

                Sink.WriteVerbose(string.Format(
                    CultureInfo.InvariantCulture,
                    "Task {0} is not visible yet ({1:0.#} s after it was created); asking again.",
                    reference.TaskId,
                    (client.Options.Clock.UtcNow - at).TotalSeconds));
                await client.Options.Clock.Delay(left < AskAgain ? left : AskAgain, Cancellation).ConfigureAwait(false);
            }
        }
    }
}
