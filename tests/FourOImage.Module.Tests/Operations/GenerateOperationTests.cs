using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>New-4oImage's operation against the emulator, through a recording sink.</summary>
public sealed class GenerateOperationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public GenerateOperationTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.ClearRequestLog();
    }

    private int Generates => _emulator.Server.RequestLog.Count(e => e.Endpoint == "generate");

    [Fact]
    public async Task Every_row_becomes_one_task_emitted_as_soon_as_it_exists()
    {
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), throttleLimit: 3, waitOptions: null, CancellationToken.None);
        string[] prompts = Enumerable.Range(1, 5).Select(i => $"a lighthouse, take {i}").ToArray();

        foreach (string prompt in prompts)
        {
            operation.Submit(new GenerateInput { Prompt = prompt, Size = "3:2", Variants = 2 });
        }

        // Results stream out before the end of input is even announced.
        Assert.True(await Eventually.TrueAsync(() => sink.OfType<ImageTask>().Count == prompts.Length));
        await operation.CompleteAsync();

        var tasks = sink.OfType<ImageTask>();
        Assert.Equal(prompts.OrderBy(p => p), tasks.Select(t => t.Prompt).OrderBy(p => p));
        Assert.All(tasks, t =>
        {
            Assert.Equal(TaskState.Generating, t.Status);
            Assert.Equal("3:2", t.Size);
            Assert.Equal(2, t.Variants);
        });
        Assert.Equal(tasks.Select(t => t.TaskId).Distinct().Count(), tasks.Count);
        Assert.Equal(prompts.Length, Generates);
        Assert.Empty(sink.Errors);
        Assert.All(sink.Questions, q => Assert.Contains("size 3:2, 2 variant(s)", q.Target));
        Assert.Equal(prompts.OrderBy(p => p), sink.Questions.Select(q => q.Target.Split('\'')[1]).OrderBy(p => p));
    }

    [Fact]
    public async Task A_bad_row_is_one_error_naming_the_parameter_while_the_other_rows_go_on()
    {
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), 4, null, CancellationToken.None);

        operation.Submit(new GenerateInput { Prompt = "three variants", Variants = 3 });
        operation.Submit(new GenerateInput { Prompt = "both kinds of images", ImageUrl = new[] { "https://example.com/a.png" }, ImagePath = new[] { "a.png" } });
        operation.Submit(new GenerateInput { Prompt = "odd size", Size = "4:3" });
        operation.Submit(new GenerateInput { Prompt = "a fine row" });
        operation.Submit(new GenerateInput { Size = "1:1" });
        await operation.CompleteAsync();

        Assert.Equal("a fine row", Assert.Single(sink.OfType<ImageTask>()).Prompt);
        Assert.Equal(1, Generates);
        Assert.All(sink.Errors, e =>
        {
            Assert.Equal("FourOImage.Generate.InvalidArgument", e.ErrorId);
            Assert.Equal(PipelineErrorCategory.InvalidArgument, e.Category);
            Assert.IsType<GenerateInput>(e.TargetObject);
        });
        var messages = sink.Errors.Select(e => e.Exception.Message).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("-Variants must be 1, 2 or 4", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("-ImageUrl or with -ImagePath", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("-Size must", StringComparison.Ordinal) && m.Contains("4:3", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("give -Prompt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_numbered_rows_every_error_names_its_row_and_prompt_and_each_task_carries_its_row()
    {
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), 4, null, CancellationToken.None) { NumberRows = true };
        // A refusal of one row (400, content policy); a 402 would also stop the rows after it (issue 16).
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.WithBodyCode(400));
        string[] prompts = { "first fine row", "three variants", "second fine row", "third fine row" };
        foreach (string prompt in prompts)
        {
            operation.Submit(new GenerateInput { Prompt = prompt, Variants = prompt == "three variants" ? 3 : 1 });
        }

        await operation.CompleteAsync();

        int RowOf(string? prompt) => Array.IndexOf(prompts, prompt) + 1;
        Assert.Equal(2, sink.Errors.Count);
        PipelineError invalid = Assert.Single(sink.Errors, e => e.ErrorId == "FourOImage.Generate.InvalidArgument");
        Assert.Equal("Row 2 ('three variants')", invalid.About);
        Assert.Equal("Row 2 ('three variants'): -Variants must be 1, 2 or 4, not '3'.", invalid.ShownMessage);
        PipelineError refused = Assert.Single(sink.Errors, e => e.ErrorId == "FourOImage.Generate.Rejected");
        string refusedPrompt = ((GenerateInput)refused.TargetObject!).Prompt!;
        Assert.Equal($"Row {RowOf(refusedPrompt)} ('{refusedPrompt}')", refused.About);
        Assert.StartsWith(refused.About + ": ", refused.ShownMessage, StringComparison.Ordinal);
        Assert.All(sink.OfType<ImageTask>(), task => Assert.Equal(RowOf(task.Prompt), task.Row));
        Assert.Equal(2, sink.OfType<ImageTask>().Count);
    }

    [Fact]
    public async Task Without_numbered_rows_errors_say_what_went_wrong_and_tasks_have_no_row()
    {
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), 4, null, CancellationToken.None);
        operation.Submit(new GenerateInput { Prompt = "three variants", Variants = 3 });
        operation.Submit(new GenerateInput { Prompt = "a fine row" });
        await operation.CompleteAsync();

        Assert.Null(Assert.Single(sink.Errors).About);
        Assert.Null(Assert.Single(sink.OfType<ImageTask>()).Row);
    }

    [Fact]
    public async Task WhatIf_asks_for_every_row_and_sends_nothing()
    {
        var sink = new RecordingSink { Answer = false };
        var operation = new GenerateOperation(sink, _emulator.Client(), 8, null, CancellationToken.None);

        operation.Submit(new GenerateInput { Prompt = "a red fox", Size = "2:3", Variants = 4 });
        operation.Submit(new GenerateInput { Prompt = "a blue whale" });
        await operation.CompleteAsync();

        Assert.Empty(sink.Objects);
        Assert.Empty(sink.Errors);
        Assert.Equal(0, Generates);
        Assert.Equal(2, sink.Questions.Count);
        Assert.Contains(sink.Questions, q => q.Target == "'a red fox', size 2:3, 4 variant(s)" && q.Action == GenerateOperation.ShouldProcessAction);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error_that_never_shows_the_key()
    {
        var sink = new RecordingSink();
        const string wrongKey = "emu_wrong_key_0123456789abcdef";
        var operation = new GenerateOperation(sink, _emulator.Client(wrongKey), 8, null, CancellationToken.None);

        operation.Submit(new GenerateInput { Prompt = "anything" });
        await operation.CompleteAsync();

        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Generate.Unauthorized", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.AuthenticationError, error.Category);
        Assert.False(string.IsNullOrEmpty(error.Details));
        Assert.DoesNotContain(wrongKey, error.Exception.ToString() + error.Details + string.Join("\n", sink.Verbose));
    }

    [Fact]
    public async Task With_wait_each_task_is_emitted_finished_and_a_refused_prompt_is_a_task_failure()
    {
        _emulator.Server.Faults.RefusedWords = new[] { "forbidden" };
        try
        {
            var sink = new RecordingSink();
            var operation = new GenerateOperation(sink, _emulator.Client(), 8, EmulatorFixture.FastWait(), CancellationToken.None);

            operation.Submit(new GenerateInput { Prompt = "a quiet harbour", Variants = 2 });
            operation.Submit(new GenerateInput { Prompt = "something forbidden" });
            operation.Submit(new GenerateInput { Prompt = "a busy market", Size = "2:3" });
            await operation.CompleteAsync();

            var finished = sink.OfType<ImageTask>();
            Assert.Equal(new[] { "a busy market", "a quiet harbour" }, finished.Select(t => t.Prompt).OrderBy(p => p));
            Assert.All(finished, t => Assert.Equal(TaskState.Success, t.Status));
            Assert.Equal(2, finished.Single(t => t.Prompt == "a quiet harbour").ResultUrls.Count);

            PipelineError failure = Assert.Single(sink.Errors);
            Assert.Equal("FourOImage.Task.Failed", failure.ErrorId);
            Assert.Equal(PipelineErrorCategory.InvalidResult, failure.Category);
            var failedTask = Assert.IsType<ImageTask>(failure.TargetObject);
            Assert.Equal(TaskState.Failed, failedTask.Status);
            Assert.Equal(failedTask.ErrorMessage, failure.Details);
            Assert.Contains(sink.Progress, p => p.ParentActivityId == -1 && p.Completed);
        }
        finally
        {
            _emulator.Server.Faults.RefusedWords = Array.Empty<string>();
        }
    }

    [Fact]
    public async Task Running_out_of_credits_fails_only_the_rows_that_cannot_be_paid()
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { InitialCredits = 3m, CreditsPerImage = 1.5m });
        var client = EmulatorFixture.ClientFor(server);
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, client, throttleLimit: 1, null, CancellationToken.None);

        for (int i = 0; i < 3; i++)
        {
            operation.Submit(new GenerateInput { Prompt = "row " + i });
        }

        await operation.CompleteAsync();

        Assert.Equal(2, sink.OfType<ImageTask>().Count);
        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Generate.InsufficientCredits", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.QuotaExceeded, error.Category);
        Assert.False(string.IsNullOrEmpty(error.Details));
        Assert.Equal(0m, server.GetCredits(server.ApiKey));
    }
}
