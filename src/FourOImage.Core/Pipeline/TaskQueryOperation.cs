using System;
using System.Threading;

namespace FourOImage.Core.Pipeline;

/// <summary>Behind Get-4oImageTask: reads each task's current state, at most ThrottleLimit at a time.</summary>
public sealed class TaskQueryOperation : ThrottledOperation
{
    private readonly FourOImageClient _client;

    public TaskQueryOperation(IPipelineSink sink, FourOImageClient client, int throttleLimit, CancellationToken cancellationToken)
        : base(sink, throttleLimit, cancellationToken)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    public void Submit(TaskReference reference) =>
        Start(PipelineErrors.Areas.Task, reference.TaskId, () => ThrottledAsync(async () =>
            EmitTask(await _client.GetTaskAsync(reference.TaskId, Cancellation).ConfigureAwait(false))));
}
