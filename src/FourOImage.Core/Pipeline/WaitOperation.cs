using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Journal;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind Wait-4oImageTask: waits for all tasks at once and emits each the moment it finishes; a failed task is a
/// FourOImage.Task.Failed error with the task as target, the timeout one FourOImage.Wait.Timeout error naming the
/// tasks still running.
/// </summary>
public sealed class WaitOperation : PipelineOperation, IDisposable
{
    private readonly WaitStage _stage;
    private readonly TaskJournals _journals;

    public WaitOperation(IPipelineSink sink, FourOImageClient client, WaitOptions options, CancellationToken cancellationToken)
        : this(sink, TaskClients.Of(client ?? throw new ArgumentNullException(nameof(client))), options, cancellationToken)
    {
    }

    /// <param name="clients">Each task is polled through the connection it carries, else the command's own.</param>
    public WaitOperation(IPipelineSink sink, TaskClients clients, WaitOptions options, CancellationToken cancellationToken)
        : base(sink, cancellationToken)
    {
        if (clients is null)
        {
            throw new ArgumentNullException(nameof(clients));
        }

        _journals = new TaskJournals(sink.WriteVerbose);
        _stage = new WaitStage(sink, clients, options, "Waiting for 4o image tasks", Emit, cancellationToken, _journals);
    }

    /// <summary>Throws as <see cref="TaskClients.For"/> does when no client can serve the task.</summary>
    public void Submit(TaskReference reference) => _stage.Add(reference);

    public override Task CompleteAsync() => _stage.CompleteAsync();

    public override void RefreshProgress() => _stage.RefreshProgress();

    public void Dispose()
    {
        _stage.Dispose();
        _journals.Dispose();
    }

    private Task Emit(ImageTask task)
    {
        EmitTask(task);
        return Task.CompletedTask;
    }
}
