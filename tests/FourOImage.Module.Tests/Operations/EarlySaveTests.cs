using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Downloads;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>
/// Save-4oImage's operation takes a task before it arrives through the pipeline (the command before it emitted it but
/// cannot write it yet): the images are saved at once, the same object arriving later is not saved again, ShouldProcess
/// is asked once per file, and nothing is taken once the input has ended.
/// </summary>
public sealed class EarlySaveTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fouroimage-early-" + Guid.NewGuid().ToString("N"));

    public EarlySaveTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_task_handed_over_early_is_saved_before_it_arrives_and_not_again_when_it_does()
    {
        ImageTask finished = await FinishedTaskAsync("early fox", variants: 2);
        _emulator.Server.ClearRequestLog();
        var sink = new RecordingSink();
        using SaveOperation operation = Operation(sink);

        Assert.True(operation.SubmitEarly(finished));
        Assert.True(await Eventually.TrueAsync(() => sink.OfType<SaveResult>().Count == 2), "saved before it arrived");
        operation.Submit(new TaskReference(finished));
        await operation.CompleteAsync();

        Assert.Empty(sink.Errors);
        Assert.Equal(new[] { 0, 1 }, sink.OfType<SaveResult>().Select(r => r.Index).OrderBy(i => i));
        Assert.Equal(2, Directory.GetFiles(_folder, "*.png").Length);
        Assert.Equal(2, _emulator.Server.RequestLog.Count(e => e.Host == "image"));
        Assert.Equal(2, sink.Questions.Count);
    }

    [Fact]
    public async Task A_task_still_generating_handed_over_early_is_waited_for_at_once()
    {
        string id = await _emulator.Client().GenerateAsync(new GenerateRequest { Prompt = "still generating" });
        var sink = new RecordingSink();
        using SaveOperation operation = Operation(sink);
        var created = new ImageTask(id);

        Assert.True(operation.SubmitEarly(created));
        Assert.True(await Eventually.TrueAsync(() => sink.OfType<SaveResult>().Count == 1), "saved before it arrived");
        operation.Submit(new TaskReference(created));
        await operation.CompleteAsync();

        Assert.Empty(sink.Errors);
        Assert.Single(sink.OfType<SaveResult>());
    }

    [Fact]
    public async Task Under_WhatIf_each_file_is_asked_about_once_and_nothing_is_downloaded()
    {
        ImageTask finished = await FinishedTaskAsync("what if", variants: 2);
        _emulator.Server.ClearRequestLog();
        var sink = new RecordingSink { Answer = false };
        using SaveOperation operation = Operation(sink);

        operation.SubmitEarly(finished);
        operation.Submit(new TaskReference(finished));
        await operation.CompleteAsync();

        Assert.Equal(2, sink.Questions.Count);
        Assert.Empty(sink.Objects);
        Assert.DoesNotContain(_emulator.Server.RequestLog, e => e.Host == "image");
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);
    }

    [Fact]
    public async Task A_task_emitted_twice_arrives_twice_and_each_arrival_matches_one_hand_over()
    {
        ImageTask finished = await FinishedTaskAsync("twice", variants: 1);
        var sink = new RecordingSink();
        using SaveOperation operation = Operation(sink);

        operation.SubmitEarly(finished);
        operation.SubmitEarly(finished);
        operation.Submit(new TaskReference(finished));
        operation.Submit(new TaskReference(finished));
        operation.Submit(new TaskReference(finished)); // a third arrival, never handed over: saved as usual
        await operation.CompleteAsync();

        Assert.Empty(sink.Errors);
        Assert.Equal(3, sink.OfType<SaveResult>().Count);
        Assert.Single(Directory.GetFiles(_folder, "*.png"));
    }

    [Fact]
    public async Task Nothing_is_taken_early_once_the_input_has_ended_or_the_command_stopped()
    {
        ImageTask finished = await FinishedTaskAsync("late", variants: 1);
        var sink = new RecordingSink();
        SaveOperation ended = Operation(sink);
        await ended.CompleteAsync();
        Assert.False(ended.SubmitEarly(finished));
        ended.Dispose();

        SaveOperation stopped = Operation(sink);
        stopped.Dispose();
        Assert.False(stopped.SubmitEarly(finished));
        Assert.Empty(sink.Objects);
    }

    private SaveOperation Operation(RecordingSink sink) =>
        new(sink, _emulator.Client(), new SaveOptions { Directory = _folder }, EmulatorFixture.FastWait(), result => result, CancellationToken.None);

    private async Task<ImageTask> FinishedTaskAsync(string prompt, int variants)
    {
        FourOImageClient client = _emulator.Client();
        string id = await client.GenerateAsync(new GenerateRequest { Prompt = prompt, Variants = variants });
        ImageTask task = await client.GetTaskAsync(id);
        Assert.True(await Eventually.TrueAsync(() => (task = client.GetTaskAsync(id).GetAwaiter().GetResult()).IsFinished));
        Assert.Equal(TaskState.Success, task.Status);
        return task;
    }
}
