using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind Get-4oImageTask: reads each task's current state, at most ThrottleLimit at a time. A task this process just
/// created that the service does not show yet is asked for again, once a second, through its grace
/// (<see cref="ClientOptions.NewTaskGracePeriod"/>); an id never seen is not found at once.
/// </summary>
public sealed class TaskQueryOperation : ThrottledOperation
{
    private static readonly TimeSpan AskAgain = TimeSpan.FromSeconds(1);
    private readonly FourOImageClient _client;

    public TaskQueryOperation(IPipelineSink sink, FourOImageClient client, int throttleLimit, CancellationToken cancellationToken)
        : base(sink, throttleLimit, cancellationToken)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    public void Submit(TaskReference reference) =>
        Start(PipelineErrors.Areas.Task, reference.TaskId, () => ThrottledAsync(async () =>
            EmitTask(await GetVisibleAsync(reference).ConfigureAwait(false))));

    private async Task<ImageTask> GetVisibleAsync(TaskReference reference)
    {
        DateTimeOffset? created = NewTaskGrace.CreatedAt(reference.TaskId, reference.Task);
        TimeSpan grace = _client.Options.NewTaskGracePeriod;
        while (true)
        {
            try
            {
                return await _client.GetTaskAsync(reference.TaskId, Cancellation).ConfigureAwait(false);
            }
            catch (FourOImageApiException missing) when (missing.RecordMissing && created is { } at)
            {
                if (NewTaskGrace.Remaining(at, grace, _client.Options.Clock.UtcNow) is not { } left)
                {
                    throw NewTaskGrace.NotFound(reference.TaskId, at, grace, missing);
                }

                Sink.WriteVerbose(string.Format(
                    CultureInfo.InvariantCulture,
                    "Task {0} is not visible yet ({1:0.#} s after it was created); asking again.",
                    reference.TaskId,
                    (_client.Options.Clock.UtcNow - at).TotalSeconds));
                await _client.Options.Clock.Delay(left < AskAgain ? left : AskAgain, Cancellation).ConfigureAwait(false);
            }
        }
    }
}
