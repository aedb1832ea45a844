using System;
using System.Collections.Generic;
using FourOImage.Core;

namespace FourOImage;

/// <summary>
/// One generation task as the service last reported it. This is the object the cmdlets emit
/// (PSTypeName <c>FourOImage.ImageTask</c>); its string form is the task id so it binds wherever an id is expected.
/// </summary>
public sealed class ImageTask
{
    private TextList _resultUrls = TextList.Empty;

    public ImageTask(string taskId)
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException("A task id is required.", nameof(taskId));
        }

        TaskId = taskId;
    }

    public string TaskId { get; }

    /// <summary>Derived from successFlag, falling back to status when successFlag is missing.</summary>
    public TaskState Status { get; internal set; }

    /// <summary>The service's raw successFlag (0 generating, 1 success, 2 or 3 failed), when it sent one.</summary>
    public int? SuccessFlag { get; internal set; }

    /// <summary>The service's raw status text (GENERATING, SUCCESS, CREATE_TASK_FAILED, GENERATE_FAILED), when it sent one.</summary>
    public string? ServiceStatus { get; internal set; }

    /// <summary>0 to 1 as the service reports it. Informational only: the live service jumps from 0 to 1.</summary>
    public decimal Progress { get; internal set; }

    public DateTimeOffset? CreateTime { get; internal set; }

    public DateTimeOffset? CompleteTime { get; internal set; }

    /// <summary>One URL per variant once the task succeeded; empty otherwise.</summary>
    public IReadOnlyList<string> ResultUrls
    {
        get => _resultUrls;
        internal set => _resultUrls = new TextList(value ?? Array.Empty<string>());
    }

    /// <summary>
    /// The service's errorCode as it sent it: usually a number ("400", "451", "500"), sometimes a word
    /// ("GENERATION_FAILED"); null when it sent none.
    /// </summary>
    public string? ErrorCode { get; internal set; }

    public string? ErrorMessage { get; internal set; }

    /// <summary>The prompt, from the request this object was created with or from the service's paramJson echo.</summary>
    public string? Prompt { get; internal set; }

    /// <summary>"1:1", "3:2" or "2:3" when known.</summary>
    public string? Size { get; internal set; }

    /// <summary>Number of images asked for (1, 2 or 4) when known.</summary>
    public int? Variants { get; internal set; }

    /// <summary>The service's echo of the request (JSON inside a string), unparsed.</summary>
    public string? ParamJson { get; internal set; }

    /// <summary>
    /// The 1-based position of the pipeline input (CSV row) New-4oImage created this task from, so later errors can
    /// name the row; null for tasks from elsewhere (an id, Get-4oImageTask).
    /// </summary>
    public int? Row { get; internal set; }

    /// <summary>When this snapshot was taken (local clock).</summary>
    public DateTimeOffset RetrievedAt { get; internal set; } = DateTimeOffset.UtcNow;

    /// <summary>The full path of the batch journal this task was created under (New-4oImage -Journal), for later stages to record in.</summary>
    internal string? JournalPath { get; set; }

    /// <summary>
    /// When this module received the task's id from generate (or the journal recorded it): a record the service does not
    /// show yet is then "not visible yet" for a while, not "unknown".
    /// </summary>
    internal DateTimeOffset? CreatedLocally { get; set; }

    /// <summary>The in-memory record of the New-4oImage run that created this task, for the gallery's rows without an image.</summary>
    internal Core.Gallery.BatchRecord? Batch { get; set; }

    /// <summary>
    /// The connection this task was created or last read with (its key, base URL, proxy), so later commands of the
    /// pipeline reach the same account without being told again. Internal, so PowerShell's adapters, Format-List *,
    /// Export-Csv, Export-Clixml and ConvertTo-Json never see it; a task read back from a file has none.
    /// </summary>
    internal ClientOptions? Connection { get; set; }

    public bool IsFinished => Status != TaskState.Generating;

    public override string ToString() => TaskId;
}
