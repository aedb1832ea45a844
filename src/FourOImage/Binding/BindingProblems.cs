using System;
using System.Collections.Generic;

namespace FourOImage.Commands;

/// <summary>
/// Cells the transformation attributes could not read, noted instead of thrown. PowerShell drops a pipeline record
/// whose binding throws (with an error that cannot name the row), and silently leaves a parameter unbound when it
/// cannot convert a cell ("two" for an int): either way a row would be lost or changed. So an attribute notes the
/// problem and binds "not given", and the cmdlet takes the notes right after binding, on the same thread: in
/// BeginProcessing for the command line, in ProcessRecord for each pipeline record, and reports them with the row.
/// </summary>
internal static class BindingProblems
{
    [ThreadStatic]
    private static List<string>? t_problems;

    /// <summary>Notes a problem in the cmdlet's words, e.g. "-Variants must be 1, 2 or 4, not 'two'."; once per text.</summary>
    public static void Note(string problem)
    {
        List<string> problems = t_problems ??= new List<string>();
        if (!problems.Contains(problem))
        {
            problems.Add(problem);
        }
    }

    /// <summary>The problems noted on this thread since the last call, which forgets them.</summary>
    public static IReadOnlyList<string> Take()
    {
        List<string>? problems = t_problems;
        t_problems = null;
        return problems ?? (IReadOnlyList<string>)Array.Empty<string>();
    }
}
