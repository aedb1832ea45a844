using System;

namespace FourOImage;

/// <summary>
/// The batch journal could not be written for one row. Either nothing was sent (the "about to send" record failed, so
/// the request was held back), or the task was created and only its id could not be recorded (<see cref="TaskId"/>).
/// </summary>
public sealed class JournalWriteException : FourOImageException
{
    private JournalWriteException(string message, string? taskId, Exception innerException)
        : base(message, innerException)
    {
        TaskId = taskId;
    }

    /// <summary>The task that was created but is not in the journal; null when nothing was sent.</summary>
    public string? TaskId { get; }

    internal static JournalWriteException NotSent(int row, string journalPath, Exception error) =>
        new($"Row {row} was not sent, so nothing was charged: the journal '{journalPath}' could not record it first ({Reason(error)}).", null, error);

    internal static JournalWriteException NotRecorded(int row, string taskId, string journalPath, Exception error) =>
        new($"Row {row} created task {taskId}, which is passed on, but the journal '{journalPath}' could not record it ({Reason(error)}). "
            + $"A re-run with this journal will call the row's outcome unknown: keep the task id {taskId}, and do not send the row again with -Force.",
            taskId,
            error);

    private static string Reason(Exception error) => (error.InnerException ?? error).Message.TrimEnd('.');
}
