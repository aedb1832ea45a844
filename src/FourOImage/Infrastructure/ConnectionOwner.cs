using System.Management.Automation.Runspaces;

namespace FourOImage.Commands;

/// <summary>
/// Whose Connect-4oImage settings a command uses: the runspace running it (read on the pipeline thread, where
/// Runspace.DefaultRunspace is that runspace). ForEach-Object -Parallel, thread jobs and hosted callers each run in
/// a runspace of their own.
/// </summary>
internal static class ConnectionOwner
{
    // Without a runspace (never on a pipeline thread) only a -Scope Process connection applies.
    private static readonly object NoRunspace = new();

    public static object Current => (object?)Runspace.DefaultRunspace ?? NoRunspace;
}
