using System;

namespace FourOImage.HelpGen;

/// <summary>A problem in a docs page, reported with the file and line so the author can fix it.</summary>
public sealed class DocsException : Exception
{
    public DocsException(string file, int line, string message)
        : base($"{file}({line}): {message}")
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }
}
