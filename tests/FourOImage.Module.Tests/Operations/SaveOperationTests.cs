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

/// <summary>Save-4oImage's operation against the emulator: waits, saves, asks per file, reports skips and failures.</summary>
public sealed class SaveOperationTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fouroimage-save-" + Guid.NewGuid().ToString("N"));

    public SaveOperationTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.ClearRequestLog();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SaveOperation Operation(RecordingSink sink, bool overwrite = false, int[]? indexes = null) =>
        new(sink, _emulator.Client(), new SaveOptions { Directory = _folder, Overwrite = overwrite, Indexes = indexes },
            EmulatorFixture.FastWait(), result => result, CancellationToken.None);

    [Fact]
    public async Task Unfinished_tasks_are_waited_for_and_every_variant_is_saved_at_the_service_size_without_the_key()
    {
        FourOImageClient client = _emulator.Client();
        string wide = await client.GenerateAsync(new GenerateRequest { Prompt = "wide", Size = "3:2", Variants = 2 });
        string tall = await client.GenerateAsync(new GenerateRequest { Prompt = "tall", Size = "2:3" });

        var sink = new RecordingSink();
        SaveOperation operation = Operation(sink);
        operation.Submit(new TaskReference(wide));
        operation.Submit(new TaskReference(tall));
        await operation.CompleteAsync();

        Assert.Empty(sink.Errors);
        var saved = sink.OfType<SaveResult>();
        Assert.Equal(3, saved.Count);
        Assert.All(saved, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.Equal(new[] { 0, 1 }, saved.Where(r => r.TaskId == wide).Select(r => r.Index).OrderBy(i => i));
        Assert.All(saved.Where(r => r.TaskId == wide), r => Assert.Equal((1536, 1024), Png.Dimensions(r.FilePath)));
        Assert.Equal((1024, 1536), Png.Dimensions(saved.Single(r => r.TaskId == tall).FilePath));
        Assert.Equal("tall", saved.Single(r => r.TaskId == tall).Prompt);
        Assert.Equal(3, Directory.GetFiles(_folder).Length);

        var imageRequests = _emulator.Server.RequestLog.Where(e => e.Host == "image").ToList();
        Assert.NotEmpty(imageRequests);
        Assert.All(imageRequests, e => Assert.False(e.HadAuthorization));
    }

    [Fact]
    public async Task WhatIf_asks_once_per_file_and_downloads_nothing()
    {
        ImageTask finished = await FinishedTaskAsync("not saved", variants: 2);
        _emulator.Server.ClearRequestLog();

        var sink = new RecordingSink { Answer = false };
        SaveOperation operation = Operation(sink);
        operation.Submit(new TaskReference(finished));
        await operation.CompleteAsync();

        Assert.Empty(sink.Objects);
        Assert.Empty(sink.Errors);
        Assert.Equal(2, sink.Questions.Count);
        Assert.All(sink.Questions, q =>
        {
            Assert.StartsWith(_folder, q.Target);
            Assert.Equal(SaveOperation.ShouldProcessAction, q.Action);
        });
        Assert.DoesNotContain(_emulator.Server.RequestLog, e => e.Host == "image");
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);
        Assert.Equal(2, sink.Verbose.Count(v => v.StartsWith("Skipped ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_existing_file_is_not_downloaded_again_but_emitted_unless_forced_and_index_picks_variants()
    {
        ImageTask finished = await FinishedTaskAsync("twice", variants: 2);

        var first = new RecordingSink();
        SaveOperation firstRun = Operation(first, indexes: new[] { 1 });
        firstRun.Submit(new TaskReference(finished));
        await firstRun.CompleteAsync();
        SaveResult only = Assert.Single(first.OfType<SaveResult>());
        Assert.Equal(1, only.Index);

        var second = new RecordingSink();
        SaveOperation secondRun = Operation(second, indexes: new[] { 1 });
        _emulator.Server.ClearRequestLog();
        secondRun.Submit(new TaskReference(finished));
        await secondRun.CompleteAsync();
        SaveResult again = Assert.Single(second.OfType<SaveResult>());
        Assert.Equal((only.FilePath, only.Index, only.TaskId, SaveOutcome.Skipped), (again.FilePath, again.Index, again.TaskId, again.Outcome));
        Assert.DoesNotContain(_emulator.Server.RequestLog, e => e.Host == "image");
        Assert.Contains(second.Verbose, v => v.StartsWith("Skipped " + only.FilePath, StringComparison.Ordinal));

        var forced = new RecordingSink();
        SaveOperation forcedRun = Operation(forced, overwrite: true, indexes: new[] { 1 });
        forcedRun.Submit(new TaskReference(finished));
        await forcedRun.CompleteAsync();
        Assert.Equal(only.FilePath, Assert.Single(forced.OfType<SaveResult>()).FilePath);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_failed_task_is_a_task_failure_and_saves_nothing()
    {
        _emulator.Server.Faults.RefusedWords = new[] { "forbidden" };
        try
        {
            string bad = await _emulator.Client().GenerateAsync(new GenerateRequest { Prompt = "forbidden fruit" });
            var sink = new RecordingSink();
            SaveOperation operation = Operation(sink);
            operation.Submit(new TaskReference(bad));
            await operation.CompleteAsync();

            Assert.Empty(sink.Objects);
            Assert.Equal("FourOImage.Task.Failed", Assert.Single(sink.Errors).ErrorId);
        }
        finally
        {
            _emulator.Server.Faults.RefusedWords = Array.Empty<string>();
        }
    }

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
