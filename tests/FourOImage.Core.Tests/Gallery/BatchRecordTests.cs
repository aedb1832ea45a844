using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using FourOImage.Core.Gallery;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Gallery;

/// <summary>The batch record stays small whatever the batch: ids, rows and short texts, never the tasks themselves.</summary>
public sealed class BatchRecordTests
{
    private const int Rows = 1000;

    [Fact]
    public void A_thousand_row_batch_keeps_no_task_and_no_long_text()
    {
        var record = new BatchRecord();
        string longPrompt = new string('p', 20_000);
        List<WeakReference> tasks = CreateTasks(record, longPrompt);
        for (int row = 1; row <= Rows; row++)
        {
            record.RowFailed(row, longPrompt, GalleryFailureKind.Invalid, new string('r', 50_000), new string('a', 50_000));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.All(tasks, t => Assert.False(t.IsAlive));
        Assert.Equal(Rows, record.Rows);
        var failures = record.Failures();
        Assert.Equal(Rows, failures.Count);
        Assert.All(failures, f =>
        {
            Assert.True(f.Prompt!.Length <= BatchRecord.PromptLength);
            Assert.True(f.Reason.Length <= BatchRecord.ReasonLength);
            Assert.True(f.Advice!.Length <= BatchRecord.ReasonLength);
            Assert.EndsWith("\u2026", f.Prompt, StringComparison.Ordinal);
        });
        GalleryBatch page = BatchRecord.ToGallery(new[] { record }, new HashSet<string>());
        Assert.Equal(Rows, page.RowByTask.Count);
        Assert.Equal(0, page.Succeeded);
    }

    [Fact]
    public void A_task_that_ends_is_recorded_once_whichever_stage_sees_it_first()
    {
        var record = new BatchRecord();
        var task = new ImageTask("t1") { Row = 4, Prompt = "a fox", Status = TaskState.Failed, ErrorMessage = "flagged" };
        record.RowTaken();
        record.Created(task);
        record.TaskEnded(task, GalleryFailureKind.Failed, PipelineErrors.TaskFailed(task));
        record.TaskEnded(task, GalleryFailureKind.NotFinished, PipelineErrors.TaskFailed(task));

        GalleryFailure failure = Assert.Single(record.Failures());
        Assert.Equal((4, "a fox", "t1", GalleryFailureKind.Failed, "flagged"), (failure.Row!.Value, failure.Prompt, failure.TaskId, failure.Kind, failure.Reason));
    }

    // In a method of its own, so no local of the test keeps a task alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> CreateTasks(BatchRecord record, string prompt)
    {
        var references = new List<WeakReference>();
        for (int row = 1; row <= Rows; row++)
        {
            var task = new ImageTask(Guid.NewGuid().ToString("N")) { Row = row, Prompt = prompt + row, Status = TaskState.Success };
            record.RowTaken();
            record.Created(task);
            references.Add(new WeakReference(task));
        }

        return references;
    }
}
