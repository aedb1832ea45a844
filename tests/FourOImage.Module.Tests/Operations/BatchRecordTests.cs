using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Downloads;
using FourOImage.Core.Gallery;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>
/// The in-memory record of a New-4oImage run, carried by its tasks through Wait-4oImageTask and Save-4oImage, so the
/// gallery can explain the rows that gave no image without a journal.
/// </summary>
public sealed class BatchRecordTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fouroimage-batch-" + Guid.NewGuid().ToString("N"));

    public BatchRecordTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.Faults.Reset();
    }

    public void Dispose()
    {
        _emulator.Server.Faults.Reset();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Every_row_that_gave_no_image_is_recorded_with_its_reason_and_the_saved_images_lead_back_to_the_record()
    {
        _emulator.Server.Faults.RefusedWords = new[] { "forbidden" };
        FourOImageClient client = _emulator.Client();
        var generateSink = new RecordingSink();
        var generate = new GenerateOperation(generateSink, client, 4, null, CancellationToken.None) { NumberRows = true };

        generate.Submit(new GenerateInput { Prompt = "a meadow", Variants = 2 });
        generate.Submit(new GenerateInput { Prompt = "three variants", Variants = 3 });
        generate.Submit(new GenerateInput { Prompt = "a forbidden field" });
        Assert.True(await Eventually.TrueAsync(() => generateSink.OfType<ImageTask>().Count == 2));

        // One at a time, so each scripted answer meets its own row.
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.WithBodyCode(400));
        generate.Submit(new GenerateInput { Prompt = "refused at once" });
        Assert.True(await Eventually.TrueAsync(() => generateSink.Errors.Count == 2));
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.LostAnswer);
        generate.Submit(new GenerateInput { Prompt = "answer lost" });
        await generate.CompleteAsync();
        generate.Dispose();

        var tasks = generateSink.OfType<ImageTask>();
        BatchRecord record = Assert.IsType<BatchRecord>(BatchLinks.Of(tasks[0]));
        Assert.All(tasks, t => Assert.Same(record, BatchLinks.Of(t)));

        // Wait-4oImageTask, then Save-4oImage: the record rides on the new snapshots and on what Save emits.
        var waitSink = new RecordingSink();
        using (var wait = new WaitOperation(waitSink, client, EmulatorFixture.FastWait(), CancellationToken.None))
        {
            foreach (ImageTask task in tasks)
            {
                wait.Submit(new TaskReference(task));
            }

            await wait.CompleteAsync();
        }

        ImageTask finished = Assert.Single(waitSink.OfType<ImageTask>());
        Assert.Same(record, BatchLinks.Of(finished));
        var saveSink = new RecordingSink();
        using (var save = new SaveOperation(saveSink, client, new SaveOptions { Directory = _folder }, EmulatorFixture.FastWait(), result => result, CancellationToken.None))
        {
            save.Submit(new TaskReference(finished));
            await save.CompleteAsync();
        }

        var saved = saveSink.OfType<SaveResult>();
        Assert.Equal(2, saved.Count);
        Assert.All(saved, r => Assert.Same(record, BatchLinks.Of(r)));

        Assert.Equal(5, record.Rows);
        var failures = record.Failures();
        Assert.Equal(new[] { 2, 3, 4, 5 }, failures.Select(f => f.Row ?? 0));
        Assert.Equal(
            new[] { GalleryFailureKind.Invalid, GalleryFailureKind.Failed, GalleryFailureKind.Refused, GalleryFailureKind.Unknown },
            failures.Select(f => f.Kind));
        Assert.StartsWith("-Variants must be 1, 2 or 4", failures[0].Reason, StringComparison.Ordinal);
        Assert.Equal("three variants", failures[0].Prompt);
        Assert.Contains("content polic", failures[1].Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("a forbidden field", failures[1].Prompt);
        Assert.NotNull(failures[1].TaskId);
        Assert.False(string.IsNullOrEmpty(failures[1].Advice));
        Assert.Equal("refused at once", failures[2].Prompt);
        Assert.Null(failures[2].TaskId);
        Assert.Equal("answer lost", failures[3].Prompt);
        Assert.All(failures, f => Assert.True(f.IsWholeRow));

        // What the page shows: the row of the saved task, and the task with a card counted as succeeded.
        GalleryBatch page = BatchRecord.ToGallery(new[] { record }, new[] { finished.TaskId });
        Assert.Equal(1, page.RowByTask[finished.TaskId]);
        Assert.Equal(1, page.Succeeded);
        Assert.False(page.CreditsMeasured);
    }

    [Fact]
    public async Task A_task_still_running_when_the_wait_runs_out_of_time_is_recorded_as_not_finished()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMinutes(2) });
        FourOImageClient client = EmulatorFixture.ClientFor(slow);
        var sink = new RecordingSink();
        using (var generate = new GenerateOperation(sink, client, 4, null, CancellationToken.None) { NumberRows = true })
        {
            generate.Submit(new GenerateInput { Prompt = "a slow one" });
            await generate.CompleteAsync();
        }

        ImageTask task = Assert.Single(sink.OfType<ImageTask>());
        using (var wait = new WaitOperation(new RecordingSink(), client, EmulatorFixture.FastWait(TimeSpan.FromMilliseconds(500)), CancellationToken.None))
        {
            wait.Submit(new TaskReference(task));
            await wait.CompleteAsync();
        }

        GalleryFailure failure = Assert.Single(BatchLinks.Of(task)!.Failures());
        Assert.Equal((GalleryFailureKind.NotFinished, 1, task.TaskId, "a slow one"), (failure.Kind, failure.Row!.Value, failure.TaskId, failure.Prompt));
        Assert.StartsWith("Still generating when the wait's time", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("Save-4oImage -TaskId " + task.TaskId, failure.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_keep_two_records_and_an_image_that_is_not_saved_is_recorded_with_its_index()
    {
        FourOImageClient client = _emulator.Client();
        var first = new RecordingSink();
        var second = new RecordingSink();
        using (var one = new GenerateOperation(first, client, 4, EmulatorFixture.FastWait(), CancellationToken.None) { NumberRows = true })
        using (var two = new GenerateOperation(second, client, 4, EmulatorFixture.FastWait(), CancellationToken.None) { NumberRows = true })
        {
            one.Submit(new GenerateInput { Prompt = "first run" });
            two.Submit(new GenerateInput { Prompt = "second run", Variants = 3 });
            two.Submit(new GenerateInput { Prompt = "second run, good" });
            await one.CompleteAsync();
            await two.CompleteAsync();
        }

        ImageTask mine = Assert.Single(first.OfType<ImageTask>());
        BatchRecord record = BatchLinks.Of(mine)!;
        Assert.NotSame(record, BatchLinks.Of(Assert.Single(second.OfType<ImageTask>())));
        Assert.Equal(1, record.Rows);
        Assert.Empty(record.Failures());

        // The image host refuses every URL of the image (direct and presigned): it is not saved.
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Image, Fault.WithHttpStatus(404), count: 20);
        var saveSink = new RecordingSink();
        using (var save = new SaveOperation(saveSink, client, new SaveOptions { Directory = _folder }, EmulatorFixture.FastWait(), result => result, CancellationToken.None))
        {
            save.Submit(new TaskReference(mine));
            await save.CompleteAsync();
        }

        Assert.Single(saveSink.Errors);
        GalleryFailure failure = Assert.Single(record.Failures());
        Assert.Equal(GalleryFailureKind.NotSaved, failure.Kind);
        Assert.Equal(0, failure.Index);
        Assert.Equal(1, failure.Row);
        Assert.Equal(mine.TaskId, failure.TaskId);
        Assert.Contains("404", failure.Reason, StringComparison.Ordinal);
    }
}
