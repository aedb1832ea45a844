using System.Management.Automation;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>Get-4oImageTask: each task's current state; takes ids or ImageTask objects from the pipeline.</summary>
[Cmdlet(VerbsCommon.Get, "4oImageTask")]
[OutputType(typeof(ImageTask))]
public sealed class Get4oImageTaskCommand : FourOImageCmdlet
{
    private TaskQueryOperation _operation = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public TaskReference[] TaskId { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ThrottledOperation.DefaultThrottleLimit;

    protected override string TerminatingErrorArea => PipelineErrors.Areas.Task;

    protected override void Begin() => _operation = new TaskQueryOperation(Sink, CreateTaskClients(), ThrottleLimit, Cancellation);

    protected override void Process()
    {
        foreach (TaskReference reference in TaskId)
        {
            Submitting(() => _operation.Submit(reference));
        }
    }

    protected override Task Complete() => _operation.CompleteAsync();
}
