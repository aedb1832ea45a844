using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using FourOImage.Core.Gallery;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Waiting;

namespace FourOImage.Commands;

/// <summary>
/// Wait-4oImageTask: waits for all tasks from the pipeline at once and emits each the moment it finishes. A failed
/// task is a FourOImage.Task.Failed error; running out of -Timeout is a FourOImage.Wait.Timeout error naming the
/// tasks still running.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "4oImageTask")]
[OutputType(typeof(ImageTask))]
public sealed class Wait4oImageTaskCommand : FourOImageCmdlet
{
    private WaitOperation? _operation;
    private readonly BatchSet _batches = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public TaskReference[] TaskId { get; set; } = null!;

    /// <summary>The most the whole command waits: seconds, or a TimeSpan. Default 10 minutes.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [TimeoutTransformation]
    public TimeSpan? Timeout { get; set; }

    /// <summary>Status queries in flight at once (each task is still asked at most 3 times a second).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ThrottledOperation.DefaultThrottleLimit;

    /// <summary>
    /// Run every row, then end with one terminating error when any row gave no image (failed, or not sent), so a script
    /// exits non-zero and an Azure Automation job fails; the last FourOImage command of the line throws it.
    /// </summary>
    [Parameter]
    public SwitchParameter FailOnError { get; set; }

    protected override bool IsBatchStage => true;

    protected override bool FailOnErrorRequested => FailOnError;

    protected override IEnumerable<BatchRecord> Batches => _batches.Snapshot();

    protected override string TerminatingErrorArea => PipelineErrors.Areas.Wait;

    protected override void Begin()
    {
        var options = new WaitOptions { MaxConcurrentPolls = ThrottleLimit };
        if (Timeout is TimeSpan timeout)
        {
            options.Timeout = timeout;
        }

        _operation = new WaitOperation(Sink, CreateTaskClients(), options, Cancellation);
    }

    protected override void Process()
    {
        foreach (TaskReference reference in TaskId)
        {
            _batches.Add(reference.Task is { } task ? BatchLinks.Of(task) : null);
            Submitting(() => _operation!.Submit(reference));
        }
    }

    protected override Task Complete() => _operation!.CompleteAsync();

    protected override void RefreshProgress() => _operation?.RefreshProgress();

    protected override void DisposeOperation() => _operation?.Dispose();
}
