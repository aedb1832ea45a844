using System;
using System.Management.Automation;
using System.Reflection;

namespace FourOImage.Commands;

/// <summary>
/// Finds the FourOImage cmdlet right before another in the same pipeline (<c>Wait-4oImageTask | Save-4oImage</c>), so
/// the first can hand its tasks to the second early: PowerShell lets only the command holding the pipeline thread write,
/// so while New-4oImage waits for a submission slot, Wait-4oImageTask cannot pass on the tasks that finished, but
/// Save-4oImage can start saving them (see <see cref="AsyncPipelineCmdlet"/>).
/// PowerShell begins the commands of a pipeline one after the other on its thread, so the neighbour is the FourOImage
/// cmdlet that began last on this thread, one position before, in a pipeline of the same length. That alone could be
/// fooled by a pipeline started inside the begin block of a command in between; PowerShell gives the commands of one
/// pipeline one shared array (InvocationInfo.PipelineIterationInfo, internal since PowerShell 2 and read here by
/// reflection, never written), so two cmdlets are linked only when they share it. Without it (a PowerShell that lacks
/// it) nothing is linked and tasks reach the next command only in its turn, as before.
/// </summary>
internal static class PipelineNeighbours
{
    private static readonly PropertyInfo? SharedIterationInfo =
        typeof(InvocationInfo).GetProperty("PipelineIterationInfo", BindingFlags.Instance | BindingFlags.NonPublic);

    [ThreadStatic]
    private static AsyncPipelineCmdlet? t_lastBegun;

    /// <summary>On the pipeline thread, as <paramref name="cmdlet"/> begins: the FourOImage cmdlet right before it in its pipeline, if any.</summary>
    public static AsyncPipelineCmdlet? Began(AsyncPipelineCmdlet cmdlet)
    {
        AsyncPipelineCmdlet? previous = t_lastBegun;
        t_lastBegun = cmdlet;
        if (previous is null)
        {
            return null;
        }

        InvocationInfo before = previous.MyInvocation;
        InvocationInfo after = cmdlet.MyInvocation;
        return before.PipelinePosition + 1 == after.PipelinePosition
            && before.PipelineLength == after.PipelineLength
            && PipelineOf(before) is int[] pipeline
            && pipeline.Length == after.PipelineLength + 1
            && ReferenceEquals(pipeline, PipelineOf(after))
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

    private static object? PipelineOf(InvocationInfo invocation)
    {
        try
        {
            return SharedIterationInfo?.GetValue(invocation);
        }
        catch (Exception error) when (error is TargetInvocationException || error is MethodAccessException || error is ArgumentException)
        {
            return null;
        }
    }
}
