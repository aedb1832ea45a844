using System;
using System.Collections.Generic;
using FourOImage.Emulator.Api;

namespace FourOImage.Emulator.Tasks;

/// <summary>One generation task. Immutable: its state at any instant follows from the emulator clock.</summary>
internal sealed class EmulatedTask
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    public EmulatedTask(string id, string ownerKey, GenerateRequest request, DateTimeOffset createTime, DateTimeOffset completeTime,
        TaskOutcome outcome, IReadOnlyList<int> resultSuffixes)
    {
        Id = id;
        OwnerKey = ownerKey;
        Request = request;
        CreateTime = createTime;
        CompleteTime = completeTime;
        Outcome = outcome;
        ResultSuffixes = resultSuffixes;
    }

    public string Id { get; }

    /// <summary>Only the key that created a task can see it.</summary>
    public string OwnerKey { get; }

    public GenerateRequest Request { get; }

    public DateTimeOffset CreateTime { get; }

    public DateTimeOffset CompleteTime { get; }

    /// <summary>From when record-info shows the task (<see cref="FaultOptions.NewRecordDelay"/>); until then it answers as for an unknown task.</summary>
    public DateTimeOffset VisibleAt { get; init; }

    public bool IsVisible(DateTimeOffset now) => now >= VisibleAt;

    public TaskOutcome Outcome { get; }

    /// <summary>The random-looking last part of each result file name.</summary>
    public IReadOnlyList<int> ResultSuffixes { get; }

    public int Variants => Request.Variants;

    public bool IsFinished(DateTimeOffset now) => now >= CompleteTime;

    public bool Succeeded(DateTimeOffset now) => IsFinished(now) && Outcome.IsSuccess;

    /// <summary>Results (and download-url) are kept 14 days after completion.</summary>
    public bool IsExpired(DateTimeOffset now) => now >= CompleteTime + Retention;

    /// <summary>Like the live service: <c>{taskId}_{index}_{unixSeconds}_{nnnn}.png</c>, stamped shortly before completion.</summary>
    public string ResultFileName(int index) =>
        $"{Id}_{index}_{CompleteTime.AddSeconds(-2).ToUnixTimeSeconds()}_{ResultSuffixes[index]:D4}.png";

    public IReadOnlyList<string> ResultUrls(Uri imageBase)
    {
        var urls = new string[Variants];
        for (var i = 0; i < urls.Length; i++)
        {
            urls[i] = new Uri(imageBase, "s/" + ResultFileName(i)).AbsoluteUri;
        }

        return urls;
    }

    /// <summary>The index of the result named <paramref name="fileName"/>, or -1.</summary>
    public int IndexOfResult(string fileName)
    {
        for (var i = 0; i < Variants; i++)
        {
            if (string.Equals(ResultFileName(i), fileName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
