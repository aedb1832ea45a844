using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>Wait-4oImageTask's and Get-4oImageTask's operations against the emulator.</summary>
public sealed class WaitOperationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public WaitOperationTests(EmulatorFixture emulator) => _emulator = emulator;

    [Fact]
    public async Task Each_task_is_emitted_when_it_finishes_and_a_failed_one_is_an_error_with_the_task_as_target()
    {
        _emulator.Server.Faults.RefusedWords = new[] { "forbidden" };
        try
        {
            FourOImageClient client = _emulator.Client();
            string good1 = await client.GenerateAsync(new GenerateRequest { Prompt = "a meadow" });
            string bad = await client.GenerateAsync(new GenerateRequest { Prompt = "a forbidden meadow" });
            string good2 = await client.GenerateAsync(new GenerateRequest { Prompt = "a field", Variants = 4 });

            var sink = new RecordingSink();
            var operation = new WaitOperation(sink, client, EmulatorFixture.FastWait(), CancellationToken.None);
            operation.Submit(new TaskReference(good1));
            operation.Submit(new TaskReference(bad));
            operation.Submit(new TaskReference(good2));
            await operation.CompleteAsync();

            var finished = sink.OfType<ImageTask>();
            Assert.Equal(new[] { good1, good2 }.OrderBy(i => i), finished.Select(t => t.TaskId).OrderBy(i => i));
            Assert.All(finished, t => Assert.Equal(TaskState.Success, t.Status));
            Assert.Equal(4, finished.Single(t => t.TaskId == good2).ResultUrls.Count);

            PipelineError error = Assert.Single(sink.Errors);
            Assert.Equal("FourOImage.Task.Failed", error.ErrorId);
            Assert.Equal(PipelineErrorCategory.InvalidResult, error.Category);
            Assert.Equal(bad, Assert.IsType<ImageTask>(error.TargetObject).TaskId);
            Assert.False(string.IsNullOrEmpty(error.Details));
            Assert.Contains(bad, error.Exception.Message);
        }
        finally
        {
            _emulator.Server.Faults.RefusedWords = Array.Empty<string>();
        }
    }

    [Fact]
    public async Task Progress_shows_one_overall_bar_and_a_child_per_task_that_is_completed_when_the_task_ends()
    {
        FourOImageClient client = _emulator.Client();
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add(await client.GenerateAsync(new GenerateRequest { Prompt = "progress " + i }));
        }

        var sink = new RecordingSink();
        var operation = new WaitOperation(sink, client, EmulatorFixture.FastWait(), CancellationToken.None);
        ids.ForEach(id => operation.Submit(new TaskReference(id)));
        await operation.CompleteAsync();

        var overall = sink.Progress.Where(p => p.ParentActivityId == -1).ToList();
        Assert.NotEmpty(overall);
        Assert.Single(overall.Select(p => p.ActivityId).Distinct());
        ProgressUpdate last = overall.Last();
        Assert.True(last.Completed);
        Assert.StartsWith("3 of 3 done, ", last.StatusDescription);
        Assert.Equal(100, last.PercentComplete);
        Assert.All(sink.Progress, p => Assert.InRange(p.PercentComplete, 0, 100));

        var children = sink.Progress.Where(p => p.ParentActivityId != -1).ToList();
        Assert.NotEmpty(children);
        Assert.All(children, c => Assert.Equal(overall[0].ActivityId, c.ParentActivityId));
        foreach (IGrouping<int, ProgressUpdate> child in children.GroupBy(c => c.ActivityId))
        {
            Assert.True(child.Last().Completed, $"child bar {child.Key} was left open");
        }
    }

    [Fact]
    public async Task A_large_batch_shows_at_most_five_child_bars_named_by_prompt_and_leaves_none_open()
    {
        FourOImageClient client = _emulator.Client();
        var sink = new RecordingSink();
        var operation = new WaitOperation(sink, client, EmulatorFixture.FastWait(), CancellationToken.None);
        for (int i = 0; i < 9; i++)
        {
            operation.Submit(new TaskReference(await client.GenerateAsync(new GenerateRequest { Prompt = "batch " + i })));
        }

        await operation.CompleteAsync();

        Assert.Equal(9, sink.OfType<ImageTask>().Count);
        var open = new HashSet<int>();
        foreach (ProgressUpdate update in sink.Progress.Where(p => p.ParentActivityId != -1))
        {
            if (update.Completed)
            {
                Assert.True(open.Remove(update.ActivityId), $"child bar {update.ActivityId} completed without being open");
            }
            else
            {
                open.Add(update.ActivityId);
                // Named by the prompt once a poll has read it; a task known only by its id is named by the id until then.
                Assert.Matches("^(batch [0-9]|Task [0-9a-f]{32})$", update.Activity);
                Assert.StartsWith("generating, ", update.StatusDescription);
                Assert.Equal(0, update.PercentComplete);
            }

            Assert.True(open.Count <= WaitProgressView.MaxChildBars, $"{open.Count} child bars were open at once");
        }

        Assert.Empty(open);
        Assert.Contains(sink.Progress, p => p.Activity.StartsWith("batch ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_timeout_is_one_error_naming_the_tasks_still_running()
    {
        await using EmulatorServer slow = await EmulatorServer.StartAsync(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMinutes(5) });
        FourOImageClient client = EmulatorFixture.ClientFor(slow);
        string id = await client.GenerateAsync(new GenerateRequest { Prompt = "takes forever" });

        var sink = new RecordingSink();
        var operation = new WaitOperation(sink, client, EmulatorFixture.FastWait(timeout: TimeSpan.FromMilliseconds(600)), CancellationToken.None);
        operation.Submit(new TaskReference(id));
        await operation.CompleteAsync();

        Assert.Empty(sink.Objects);
        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Wait.Timeout", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.OperationTimeout, error.Category);
        Assert.Contains(id, error.Exception.Message);
        Assert.Contains(id, Assert.IsAssignableFrom<IReadOnlyList<string>>(error.TargetObject));
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_quietly()
    {
        await using EmulatorServer slow = await EmulatorServer.StartAsync(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMinutes(5) });
        FourOImageClient client = EmulatorFixture.ClientFor(slow);
        string id = await client.GenerateAsync(new GenerateRequest { Prompt = "never waited for" });
        using var stop = new CancellationTokenSource();

        var sink = new RecordingSink();
        var operation = new WaitOperation(sink, client, EmulatorFixture.FastWait(), stop.Token);
        operation.Submit(new TaskReference(id));
        Task completion = operation.CompleteAsync();
        Assert.True(await Eventually.TrueAsync(() => slow.RequestLog.Any(e => e.Endpoint == "record-info")));
        stop.Cancel();
        await completion;

        Assert.Empty(sink.Objects);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task An_unknown_task_id_is_a_task_not_found_error_and_known_ones_are_still_waited_for()
    {
        FourOImageClient client = _emulator.Client();
        string known = await client.GenerateAsync(new GenerateRequest { Prompt = "known" });
        const string unknown = "0123456789abcdef0123456789abcdef";

        var sink = new RecordingSink();
        var operation = new WaitOperation(sink, client, EmulatorFixture.FastWait(), CancellationToken.None);
        operation.Submit(new TaskReference(unknown));
        operation.Submit(new TaskReference(known));
        await operation.CompleteAsync();

        Assert.Equal(known, Assert.Single(sink.OfType<ImageTask>()).TaskId);
        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Task.TaskNotFound", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(unknown, error.TargetObject);
    }

    [Fact]
    public async Task Get_reads_each_task_once_and_reports_unknown_ids_per_item()
    {
        FourOImageClient client = _emulator.Client();
        string id = await client.GenerateAsync(new GenerateRequest { Prompt = "look me up", Size = "2:3" });
        const string unknown = "fedcba9876543210fedcba9876543210";

        var sink = new RecordingSink();
        var operation = new TaskQueryOperation(sink, client, 8, CancellationToken.None);
        operation.Submit(new TaskReference(id));
        operation.Submit(new TaskReference(unknown));
        await operation.CompleteAsync();

        ImageTask task = Assert.Single(sink.OfType<ImageTask>());
        Assert.Equal(id, task.TaskId);
        Assert.Equal("look me up", task.Prompt);
        Assert.Equal("FourOImage.Task.TaskNotFound", Assert.Single(sink.Errors).ErrorId);
        Assert.Contains(id, SeenTaskIds.Newest());
    }
}
