namespace FourOImage.Core.Pipeline;

/// <summary>
/// How errors and warnings name what they are about, the way the user knows it: "Row 3 ('A watercolor fox asleep in
/// autumn le...')" for New-4oImage's input rows, "Task 3f2a... ('A watercolor fox...')" for a task from elsewhere.
/// </summary>
public static class ItemLabel
{
    /// <summary>How much of the prompt a label shows.</summary>
    public const int PromptLength = 40;

    /// <summary>The 1-based input position and a short prompt: "Row 3 ('a fox')", or "Row 3 (no prompt)".</summary>
    public static string Row(int row, string? prompt) => $"Row {row} ({Quoted(prompt)})";

    /// <summary>The task's row when New-4oImage made it in this pipeline, otherwise its id and a short prompt.</summary>
    public static string Of(ImageTask task) =>
        task.Row is int row
            ? Row(row, task.Prompt)
            : task.Prompt is null ? $"Task {task.TaskId}" : $"Task {task.TaskId} ({Quoted(task.Prompt)})";

    /// <summary>A short prompt in quotes: "'a fox'", or "no prompt".</summary>
    public static string Quoted(string? prompt) =>
        PromptText.Shorten(prompt, PromptLength) is { Length: > 0 } shown ? "'" + shown + "'" : "no prompt";
}
