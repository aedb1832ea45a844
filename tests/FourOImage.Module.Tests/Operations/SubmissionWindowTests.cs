using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>
/// Issue 11: New-4oImage's operation in front of the service's submission window: every row is created without losing
/// one to a 429, a person sees the rows waiting, -Timeout is each task's own, and a stopped run's waiting rows were
/// never sent.
/// </summary>
public sealed class SubmissionWindowTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-window-").FullName;

    public SubmissionWindowTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.ClearRequestLog();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_batch_past_the_window_creates_every_row_shows_the_rows_waiting_and_gets_no_429()
    {
        // A 2 s window (not the fixture's 0.5 s): the rows held back are seconds from being sent, well past the bar's
        // 1 s threshold however late a busy machine looks at them.
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            FixedGenerationTime = TimeSpan.FromMilliseconds(200),
            SubmissionWindowLength = TimeSpan.FromSeconds(2),
        });
        var sink = new RecordingSink();
        FourOImageClient client = EmulatorFixture.ClientFor(server);
        client.Diagnostics = sink.WriteVerbose; // as the cmdlet wires it to -Verbose
        var operation = new GenerateOperation(sink, client, ThrottledOperation.DefaultThrottleLimit, null, CancellationToken.None);

        for (int i = 0; i < 45; i++)
        {
            operation.Submit(new GenerateInput { Prompt = $"row {i}" });
        }

        await operation.CompleteAsync();

        Assert.Empty(sink.Errors);
        Assert.Equal(45, sink.OfType<ImageTask>().Select(t => t.TaskId).Distinct().Count());
        var generates = server.RequestLog.Where(e => e.Endpoint == EmulatorEndpoints.Generate).ToList();
        Assert.Equal(45, generates.Count);
        Assert.All(generates, g => Assert.Equal(200, g.BodyCode));

        var bars = sink.Progress.Where(p => p.Activity == "Submitting 4o image tasks").ToList();
        Assert.Contains(bars, p => !p.Completed && p.SecondsRemaining > 0
            && Regex.IsMatch(p.StatusDescription, @"^\d+ rows? waiting; (next slot in \d+ s, )?all sent in \d+ s \(20 new tasks per 2 s\)$"));
        Assert.True(bars[^1].Completed);
        Assert.Contains(sink.Verbose, v => v.StartsWith("The submission window is full (20 new tasks in the last 2 s for this account)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_Wait_each_task_gets_the_whole_timeout_from_its_creation_however_long_the_batch_takes_to_send()
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            FixedGenerationTime = TimeSpan.FromMilliseconds(200),
            SubmissionLimit = 1,
            SubmissionWindowLength = TimeSpan.FromSeconds(2),
        });
        var sink = new RecordingSink();
        // Each 200 ms task has seconds to spare within its own timeout, even on a busy machine.
        TimeSpan timeout = TimeSpan.FromSeconds(4.5);
        var operation = new GenerateOperation(sink, EmulatorFixture.ClientFor(server), 4, EmulatorFixture.FastWait(timeout), CancellationToken.None);
        DateTime started = DateTime.UtcNow;

        for (int i = 0; i < 4; i++)
        {
            operation.Submit(new GenerateInput { Prompt = $"row {i}" });
        }

        await operation.CompleteAsync();

        // One row per 2.2 s: the last is created well after the timeout counted from the start would have ended.
        Assert.True(DateTime.UtcNow - started > timeout + TimeSpan.FromSeconds(1), $"took {DateTime.UtcNow - started}");
        Assert.Empty(sink.Errors);
        Assert.Equal(4, sink.OfType<ImageTask>().Count(t => t.Status == TaskState.Success));
    }

    [Fact]
    public async Task Rows_still_waiting_for_a_slot_when_the_run_stops_were_never_sent_and_a_resumed_run_sends_them_without_a_warning()
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            FixedGenerationTime = TimeSpan.FromMilliseconds(200),
            SubmissionLimit = 2,
            SubmissionWindowLength = TimeSpan.FromMinutes(1),
        });
        string journal = Path.Combine(_folder, "window.journal");
        string output = Path.Combine(_folder, "out");
        GenerateInput[] rows = Enumerable.Range(1, 5).Select(i => new GenerateInput { Prompt = $"waiting row {i}" }).ToArray();

        using (var stop = new CancellationTokenSource())
        using (JournaledPipeline first = await JournaledPipeline.StartAsync(EmulatorFixture.ClientFor(server), journal, output, force: false, stop.Token))
        {
            first.Client.Diagnostics = first.Log.WriteVerbose;
            foreach (GenerateInput row in rows)
            {
                first.Submit(row);
            }

            Assert.True(await Eventually.TrueAsync(() => first.Log.Verbose.Any(v => v.StartsWith("The submission window is full", StringComparison.Ordinal))));
            stop.Cancel();
            await first.CompleteAsync();
        }

        JournalSummary stopped = BatchJournal.Summarize(journal);
        // The three rows still waiting for a slot count as rows the batch took and never sent (issue 22, item 5).
        Assert.Equal((5, 2, 0, 3), (stopped.Rows, stopped.Created, stopped.Pending, stopped.NotSent));
        Assert.Equal(2, server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.Generate));

        server.SubmissionWindow.Limit = 0;
        using (JournaledPipeline resumed = await JournaledPipeline.StartAsync(EmulatorFixture.ClientFor(server), journal, output, force: false, CancellationToken.None))
        {
            foreach (GenerateInput row in rows)
            {
                resumed.Submit(row);
            }

            await resumed.CompleteAsync();
            Assert.Empty(resumed.Log.Errors);
            Assert.DoesNotContain(resumed.Log.Verbose, v => v.StartsWith("WARNING:", StringComparison.Ordinal));
        }

        var generates = server.RequestLog.Where(e => e.Endpoint == EmulatorEndpoints.Generate).ToList();
        Assert.Equal(5, generates.Count);
        Assert.Equal(5, generates.Select(g => g.TaskId).Distinct().Count());
        Assert.Equal(5, BatchJournal.Summarize(journal).Created);
    }

    [Fact]
    public async Task A_429_waited_out_is_recorded_as_refused_so_a_run_stopped_during_the_wait_resends_the_row_without_a_warning()
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            FixedGenerationTime = TimeSpan.FromMilliseconds(200),
            SubmissionWindowLength = TimeSpan.FromMinutes(1),
            ApiKeys = new[] { "emu_paused_account", "emu_other_account" },
        });
        server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.WithBodyCode(429));
        string journal = Path.Combine(_folder, "refused.journal");
        string output = Path.Combine(_folder, "out");
        var row = new GenerateInput { Prompt = "refused once" };

        using (var stop = new CancellationTokenSource())
        using (JournaledPipeline first = await JournaledPipeline.StartAsync(EmulatorFixture.ClientFor(server), journal, output, force: false, stop.Token))
        {
            first.Client.Diagnostics = first.Log.WriteVerbose;
            first.Submit(row);
            Assert.True(await Eventually.TrueAsync(() => first.Log.Verbose.Any(v => v.Contains("no task was created; waiting", StringComparison.Ordinal))));
            stop.Cancel();
            await first.CompleteAsync();
        }

        string[] lines = File.ReadAllLines(journal);
        Assert.Contains(lines, l => l.Contains("\"pending\"", StringComparison.Ordinal));
        Assert.Contains("\"rejected\"", lines.Last(l => l.Contains("\"request\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(0, BatchJournal.Summarize(journal).Pending);

        // The first account stays paused for the minute-long window; the journal does not care which key resumes it.
        using (JournaledPipeline resumed = await JournaledPipeline.StartAsync(
            EmulatorFixture.ClientFor(server, "emu_other_account"), journal, output, force: false, CancellationToken.None))
        {
            resumed.Submit(row);
            await resumed.CompleteAsync();
            Assert.Empty(resumed.Log.Errors);
            Assert.DoesNotContain(resumed.Log.Verbose, v => v.StartsWith("WARNING:", StringComparison.Ordinal));
        }

        Assert.Equal(1, BatchJournal.Summarize(journal).Created);
    }
}
