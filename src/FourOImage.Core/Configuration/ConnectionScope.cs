namespace FourOImage;

/// <summary>Who a Connect-4oImage connection serves (Connect-4oImage -Scope).</summary>
public enum ConnectionScope
{
    /// <summary>Only the runspace that connected: its pipelines, not ForEach-Object -Parallel, thread jobs or other hosted callers.</summary>
    Runspace = 0,

    /// <summary>Every runspace of the process that has no connection of its own.</summary>
    Process = 1,
}
