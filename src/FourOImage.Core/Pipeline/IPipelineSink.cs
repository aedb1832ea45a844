using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Where an operation sends what a cmdlet would write. Any thread may call it: the cmdlet's implementation queues
/// each call to the pipeline thread, which is the only thread PowerShell lets write.
/// </summary>
public interface IPipelineSink
{
    void WriteObject(object item);

    void WriteError(PipelineError error);

    void WriteWarning(string text);

    void WriteVerbose(string text);

    void WriteDebug(string text);

    void WriteProgress(ProgressUpdate update);

    /// <summary>
    /// ShouldProcess on the pipeline thread (-WhatIf, -Confirm). Completes at once when called on the pipeline thread;
    /// from another thread it completes once the pipeline thread has asked.
    /// </summary>
    Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken);
}
