using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Module.Tests;

/// <summary>
/// What PowerShell does between two cmdlets of a pipeline: each task one operation writes becomes the next
/// operation's input (bound as a TaskReference); everything else goes to a recording sink.
/// </summary>
internal sealed class ForwardingSink : IPipelineSink
{
    private readonly RecordingSink _log;
    private readonly Action<TaskReference> _next;

    public ForwardingSink(RecordingSink log, Action<TaskReference> next)
    {
        _log = log;
        _next = next;
    }

    public void WriteObject(object item)
    {
        if (item is ImageTask task)
        {
            _next(new TaskReference(task));
        }
        else
        {
            _log.WriteObject(item);
        }
    }

    public void WriteError(PipelineError error) => _log.WriteError(error);

    public void WriteWarning(string text) => _log.WriteWarning(text);

    public void WriteVerbose(string text) => _log.WriteVerbose(text);

    public void WriteDebug(string text) => _log.WriteDebug(text);

    public void WriteProgress(ProgressUpdate update) => _log.WriteProgress(update);

    public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) =>
        _log.ShouldProcessAsync(target, action, cancellationToken);
}
