using System;

namespace FourOImage.Commands;

/// <summary>
/// Links the FourOImage cmdlets of one line (<c>New-4oImage | Wait-4oImageTask | Save-4oImage</c>), so the last can tell
/// the whole batch's summary even when no object reaches it (every row refused), through public API only. PowerShell
/// begins every command of a pipeline, in order and on one thread, before any of them processes a record; so the
/// command before another is the FourOImage cmdlet that began last on this thread, one position before, in a pipeline
/// of the same length, that has not processed anything yet. A pipeline run inside a begin block in between could
/// match by chance; the cost is a summary that counts its neighbour's rows too.
/// </summary>
internal static class BatchLine
{
    [ThreadStatic]
    private static AsyncPipelineCmdlet? t_lastBegun;

    /// <summary>On the pipeline thread, as <paramref name="cmdlet"/> begins: the FourOImage cmdlet right before it in its line, if any.</summary>
    public static AsyncPipelineCmdlet? Began(AsyncPipelineCmdlet cmdlet, Func<AsyncPipelineCmdlet, bool> stillBeginning)
    {
        AsyncPipelineCmdlet? previous = t_lastBegun;
        t_lastBegun = cmdlet;
        return previous != null
            && stillBeginning(previous)
            && previous.MyInvocation.PipelinePosition + 1 == cmdlet.MyInvocation.PipelinePosition
            && previous.MyInvocation.PipelineLength == cmdlet.MyInvocation.PipelineLength
            ? previous
            : null;
    }

    /// <summary>The cmdlet is done: it is no one's neighbour any more.</summary>
    public static void Ended(AsyncPipelineCmdlet cmdlet)
    {
        if (ReferenceEquals(t_lastBegun, cmdlet))
        {
            t_lastBegun = null;
        }
    }
}
