using System;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Base of the work behind a cmdlet: takes records without blocking, runs them concurrently (bounded), reports through
/// the sink as results arrive, and finishes in <see cref="CompleteAsync"/>. A failure of one record becomes one error
/// and the others go on; cancellation (Ctrl+C) ends everything quietly.
/// </summary>
public abstract class PipelineOperation
{
    private readonly PendingWork _work = new();

    protected PipelineOperation(IPipelineSink sink, CancellationToken cancellationToken)
    {
        Sink = sink ?? throw new ArgumentNullException(nameof(sink));
        Cancellation = cancellationToken;
    }

    protected IPipelineSink Sink { get; }

    protected CancellationToken Cancellation { get; }

    /// <summary>
    /// Redraws the operation's progress bars with their times as they are now; called twice a second while the
    /// pipeline thread waits, from that thread. Must not block.
    /// </summary>
    public virtual void RefreshProgress()
    {
    }

    /// <summary>Called once after the last record: completes when all work has ended.</summary>
    public virtual Task CompleteAsync() => _work.WhenAllAsync();

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool; its failure is reported as an error about <paramref name="target"/>,
    /// named for the user by <paramref name="about"/> (e.g. "Row 3 ('a fox')") when given.
    /// </summary>
    protected void Start(string area, object target, Func<Task> work, string? about = null) =>
        _work.Add(Task.Run(() => GuardAsync(area, target, work, about)));

    /// <summary>Tracks work that already runs (and reports its own failures).</summary>
    protected void Track(Task work) => _work.Add(work);

    protected async Task GuardAsync(string area, object? target, Func<Task> work, string? about = null)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // The command is stopping; nothing to report.
        }
        catch (Exception exception)
        {
            PipelineError error = PipelineErrors.FromException(exception, area, target);
            error.About = about;
            Sink.WriteError(error);
        }
    }

    /// <summary>Writes a task to the pipeline and remembers its id for tab completion.</summary>
    protected void EmitTask(ImageTask task)
    {
        SeenTaskIds.Add(task.TaskId);
        Sink.WriteObject(task);
    }
}
