using System;
using System.Linq;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>ImageTask objects in a given state, for tests that need no service.</summary>
internal static class TaskSnapshots
{
    public static ImageTask Running(string id, string? prompt = null) =>
        new(id) { Status = TaskState.Generating, SuccessFlag = 0, Prompt = prompt };

    public static ImageTask Succeeded(string id, params string[] urls) =>
        new(id)
        {
            Status = TaskState.Success,
            SuccessFlag = 1,
            Progress = 1m,
            ResultUrls = urls.Length > 0 ? urls : new[] { $"https://images.example/{id}_0.png" },
            CompleteTime = new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero),
        };

    public static ImageTask Failed(string id, int errorCode, string message) =>
        new(id) { Status = TaskState.Failed, SuccessFlag = 2, ErrorCode = errorCode.ToString(System.Globalization.CultureInfo.InvariantCulture), ErrorMessage = message };

    public static ImageTask WithResults(ImageTask task, int count) =>
        new(task.TaskId)
        {
            Status = task.Status,
            Prompt = task.Prompt,
            ResultUrls = Enumerable.Range(0, count).Select(i => $"https://images.example/{task.TaskId}_{i}.png").ToArray(),
        };
}
