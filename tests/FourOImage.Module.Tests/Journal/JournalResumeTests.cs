using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Downloads;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>
/// Issue 5: a journaled batch (New-4oImage -Journal | Wait-4oImageTask | Save-4oImage) stopped at random points and
/// resumed never creates a task twice and ends with every row's images saved.
/// </summary>
public sealed class JournalResumeTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const int Rows = 50;
    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-resume-").FullName;

    public JournalResumeTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.Faults.Reset();
        _emulator.Server.ClearRequestLog();
    }

    private string JournalPath => Path.Combine(_folder, "batch.journal");

    private string OutFolder => Path.Combine(_folder, "out");

    private int Generates => _emulator.Server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.Generate);

    public void Dispose()
    {
        _emulator.Server.Faults.Reset();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_50_row_batch_stopped_at_random_points_and_resumed_creates_each_task_once_and_saves_every_image()
    {
        List<GenerateInput> rows = BatchRows();
        decimal creditsBefore = _emulator.Server.GetCredits(_emulator.Server.ApiKey);

        // Slow answers widen the windows a stop can land in: during a generate call, a poll, a download.
        _emulator.Server.Faults.For(EmulatorEndpoints.Generate).Slow = 0.3;
        _emulator.Server.Faults.For(EmulatorEndpoints.Generate).SlowDelay = TimeSpan.FromMilliseconds(250);
        _emulator.Server.Faults.For(EmulatorEndpoints.Image).Slow = 0.3;
        _emulator.Server.Faults.For(EmulatorEndpoints.Image).SlowDelay = TimeSpan.FromMilliseconds(150);

        var random = new Random(20261121);
        var runs = new List<RecordingSink>();
        for (int attempt = 0; attempt < 8; attempt++)
        {
            using var stop = new CancellationTokenSource();
            using JournaledPipeline pipeline = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: true, stop.Token);
            runs.Add(pipeline.Log);
            foreach (GenerateInput row in rows)
            {
                pipeline.Submit(row);
            }

            // Half the stops come after a random time, half after a random number of further generate calls.
            Task stopper = random.Next(2) == 0
                ? StopAfterAsync(stop, TimeSpan.FromMilliseconds(random.Next(0, 900)))
                : StopAfterGeneratesAsync(stop, Generates + random.Next(0, 12));
            await pipeline.CompleteAsync();
            stop.Cancel();
            await stopper;

            AssertNoTemporaryFiles();
            AssertNoOutcomeUnknown(pipeline.Log);
        }

        _emulator.Server.Faults.Reset();
        using (JournaledPipeline last = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: true, CancellationToken.None))
        {
            runs.Add(last.Log);
            foreach (GenerateInput row in rows)
            {
                last.Submit(row);
            }

            await last.CompleteAsync();
            Assert.Empty(last.Log.Errors);
            AssertNoOutcomeUnknown(last.Log);
        }

        // The service created exactly one task per row, over all the runs together.
        var generates = _emulator.Server.RequestLog.Where(e => e.Endpoint == EmulatorEndpoints.Generate).ToList();
        Assert.Equal(Rows, generates.Count);
        Assert.All(generates, g => Assert.NotNull(g.TaskId));
        Assert.Equal(Rows, generates.Select(g => g.TaskId).Distinct().Count());

        // Every row's images are on disk, complete, each task's once.
        JournalSummary summary = BatchJournal.Summarize(JournalPath);
        int images = rows.Sum(r => r.Variants ?? 1);
        var byTask = generates.ToDictionary(g => g.TaskId!, _ => 0);
        foreach (string file in Directory.GetFiles(OutFolder))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            string taskId = name.Substring(0, name.LastIndexOf('_'));
            Assert.True(byTask.ContainsKey(taskId), $"{file} belongs to no task of the batch");
            byTask[taskId]++;
            (int width, int height) = Png.Dimensions(file);
            Assert.True(width > 0 && height > 0);
        }

        Assert.Equal(images, byTask.Values.Sum());
        AssertEachRowHasItsTaskAndImages(rows, byTask);
        AssertNoTemporaryFiles();

        Assert.Equal(Rows, summary.Rows);
        Assert.Equal(Rows, summary.Created);
        Assert.Equal(0, summary.Pending);
        Assert.Equal(Rows, summary.Succeeded);
        Assert.Equal(images, summary.Saved);
        Assert.Equal(runs.Count, summary.Runs);
        decimal spent = creditsBefore - _emulator.Server.GetCredits(_emulator.Server.ApiKey);
        Assert.Equal(images * _emulator.Server.Options.CreditsPerImage, spent);
        Assert.Equal(spent, summary.CreditsSpent);
        Assert.DoesNotContain(_emulator.Server.ApiKey, File.ReadAllText(JournalPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerun_emits_the_known_tasks_without_a_generate_call_and_without_asking_ShouldProcess()
    {
        List<GenerateInput> rows = BatchRows().Take(6).ToList();
        using (JournaledPipeline first = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None))
        {
            rows.ForEach(first.Submit);
            await first.CompleteAsync();
            Assert.Equal(rows.Count, CreateQuestions(first.Log).Count);
        }

        int generatesAfterFirst = Generates;
        var firstFiles = Directory.GetFiles(OutFolder).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        using (JournaledPipeline second = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None))
        {
            rows.ForEach(second.Submit);
            await second.CompleteAsync();
            Assert.Empty(second.Log.Questions);
            Assert.Empty(second.Log.Errors);
            // The files already saved are emitted again, not written again (their times are checked below).
            Assert.All(second.Log.OfType<SaveResult>(), saved => Assert.Equal(SaveOutcome.Skipped, saved.Outcome));
            Assert.Equal(firstFiles.Keys.OrderBy(f => f), second.Log.OfType<SaveResult>().Select(saved => saved.FilePath).OrderBy(f => f));
            Assert.Contains(second.Log.Verbose, v => v.StartsWith("Row 3 ", StringComparison.Ordinal) && v.Contains("from the journal", StringComparison.Ordinal));
        }

        Assert.Equal(rows.Count, generatesAfterFirst);
        Assert.Equal(generatesAfterFirst, Generates);
        Assert.Equal(firstFiles, Directory.GetFiles(OutFolder).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        Assert.Equal(2, BatchJournal.Summarize(JournalPath).Runs);
    }

    [Fact]
    public async Task A_row_sent_without_a_recorded_answer_is_reported_by_row_and_only_sent_again_with_Force()
    {
        var rows = new List<GenerateInput>
        {
            new() { Prompt = "a quiet harbour at night" },
            new() { Prompt = "a harbour, sent but never answered", Size = "3:2" },
        };

        // What a killed run leaves behind: row 2 marked pending, no answer.
        using (BatchJournal killed = BatchJournal.Open(JournalPath, "0.0.1", null))
        {
            GenerateRequest request = rows[1].ToRequest();
            killed.RecordPending(RequestIdentity.Of(rows[1], request, new FileDigests()), 1, 2, request.Prompt, request.Size, 1);
        }

        using (JournaledPipeline careful = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None))
        {
            rows.ForEach(careful.Submit);
            await careful.CompleteAsync();
            string warning = Assert.Single(careful.Log.Verbose, v => v.StartsWith("WARNING:", StringComparison.Ordinal));
            Assert.Contains("Row 2 ('a harbour, sent but never answered')", warning, StringComparison.Ordinal);
            Assert.Contains("outcome unknown", warning, StringComparison.Ordinal);
            Assert.Contains("-Force", warning, StringComparison.Ordinal);
            Assert.Equal("'a quiet harbour at night', size 1:1, 1 variant(s)", Assert.Single(CreateQuestions(careful.Log)).Target);
        }

        Assert.Equal(1, Generates);
        Assert.Equal(1, BatchJournal.Summarize(JournalPath).Pending);

        using (JournaledPipeline forced = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: true, CancellationToken.None))
        {
            rows.ForEach(forced.Submit);
            await forced.CompleteAsync();
            Assert.Empty(forced.Log.Errors);
            Assert.Equal("'a harbour, sent but never answered', size 3:2, 1 variant(s)", Assert.Single(CreateQuestions(forced.Log)).Target);
            Assert.Contains(forced.Log.Verbose, v => v.StartsWith("WARNING: Row 2 ", StringComparison.Ordinal) && v.Contains("sending it again", StringComparison.Ordinal));
        }

        Assert.Equal(2, Generates);
        JournalSummary summary = BatchJournal.Summarize(JournalPath);
        Assert.Equal((2, 0, 2, 2), (summary.Created, summary.Pending, summary.Succeeded, summary.Saved));
    }

    [Fact]
    public async Task A_request_the_service_refused_is_sent_again_by_the_next_run()
    {
        var row = new GenerateInput { Prompt = "a refused row, then a paid one" };
        decimal credits = _emulator.Server.GetCredits(_emulator.Server.ApiKey);
        _emulator.Server.SetCredits(_emulator.Server.ApiKey, 0m);
        try
        {
            using JournaledPipeline broke = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None);
            broke.Submit(row);
            await broke.CompleteAsync();
            Assert.Equal("FourOImage.Generate.InsufficientCredits", Assert.Single(broke.Log.Errors).ErrorId);
        }
        finally
        {
            _emulator.Server.SetCredits(_emulator.Server.ApiKey, credits);
        }

        Assert.Equal(0, BatchJournal.Summarize(JournalPath).Pending);
        using (JournaledPipeline paid = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None))
        {
            paid.Submit(row);
            await paid.CompleteAsync();
            Assert.Empty(paid.Log.Errors);
            Assert.DoesNotContain(paid.Log.Verbose, v => v.StartsWith("WARNING:", StringComparison.Ordinal));
        }

        Assert.Equal(2, Generates);
        Assert.Equal(1, BatchJournal.Summarize(JournalPath).Saved);
    }

    [Fact]
    public async Task WhatIf_reads_the_journal_asks_only_about_rows_that_would_be_sent_and_writes_nothing()
    {
        var known = new GenerateInput { Prompt = "already in the journal" };
        var fresh = new GenerateInput { Prompt = "not yet sent" };
        using (JournaledPipeline first = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None))
        {
            first.Submit(known);
            await first.CompleteAsync();
        }

        string before = File.ReadAllText(JournalPath);
        _emulator.Server.ClearRequestLog();
        var sink = new RecordingSink { Answer = false };
        using (var operation = new GenerateOperation(sink, _emulator.Client(), 4, null, CancellationToken.None))
        using (JournalRun whatIf = JournalRun.ReadOnly(JournalPath))
        {
            operation.Journal = whatIf;
            operation.Submit(known);
            operation.Submit(fresh);
            await operation.CompleteAsync();
        }

        Assert.Equal("'not yet sent', size 1:1, 1 variant(s)", Assert.Single(sink.Questions).Target);
        Assert.Contains(sink.Verbose, v => v.StartsWith("Row 1 ", StringComparison.Ordinal) && v.Contains("would be emitted", StringComparison.Ordinal));
        Assert.Empty(sink.Objects);
        Assert.Empty(_emulator.Server.RequestLog);
        Assert.Equal(before, File.ReadAllText(JournalPath));

        string missing = Path.Combine(_folder, "never-written.journal");
        using (JournalRun.ReadOnly(missing))
        {
        }

        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task New_with_Wait_records_how_each_task_ended_for_the_summary()
    {
        _emulator.Server.Faults.RefusedWords = new List<string> { "forbidden" };
        var sink = new RecordingSink();
        using (var operation = new GenerateOperation(sink, _emulator.Client(), 4, EmulatorFixture.FastWait(), CancellationToken.None))
        using (JournalRun run = await JournalRun.StartAsync(JournalPath, _emulator.Client(), sink, CancellationToken.None))
        {
            operation.Journal = run;
            operation.Submit(new GenerateInput { Prompt = "a lighthouse" });
            operation.Submit(new GenerateInput { Prompt = "something forbidden" });
            await operation.CompleteAsync();
        }

        Assert.Equal("a lighthouse", Assert.Single(sink.OfType<ImageTask>()).Prompt);
        Assert.Equal("FourOImage.Task.Failed", Assert.Single(sink.Errors).ErrorId);
        JournalSummary summary = BatchJournal.Summarize(JournalPath);
        Assert.Equal((2, 2, 1, 1, 0), (summary.Rows, summary.Created, summary.Succeeded, summary.Failed, summary.Saved));
        Assert.Equal(_emulator.Server.Options.CreditsPerImage * 2, summary.CreditsSpent);
    }

    [Fact]
    public async Task A_journal_in_use_by_a_run_is_refused_to_a_second_run_with_a_clear_error()
    {
        using JournaledPipeline first = await JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None);
        var error = await Assert.ThrowsAsync<FourOImageException>(() =>
            JournaledPipeline.StartAsync(_emulator.Client(), JournalPath, OutFolder, force: false, CancellationToken.None));
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
        Assert.Contains(JournalPath, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Rows with two prompts used twice (two tasks each), sizes and variants mixed.</summary>
    private static List<GenerateInput> BatchRows() =>
        Enumerable.Range(1, Rows).Select(i => new GenerateInput
        {
            Prompt = i % 20 == 7 ? "the same prompt, twice in the batch" : i % 25 == 3 ? "another repeated prompt\r\n" : $"journal row {i}",
            Size = i % 20 == 7 || i % 25 == 3 ? null : (i % 3) switch { 0 => "3:2", 1 => "1:1", _ => "2:3" },
            Variants = i % 20 == 7 || i % 25 == 3 ? null : i % 4 == 0 ? 2 : null,
        }).ToList();

    private static List<(string Target, string Action)> CreateQuestions(RecordingSink log) =>
        log.Questions.Where(q => q.Action == GenerateOperation.ShouldProcessAction).ToList();

    private static async Task StopAfterAsync(CancellationTokenSource stop, TimeSpan delay)
    {
        await Task.Delay(delay);
        stop.Cancel();
    }

    private async Task StopAfterGeneratesAsync(CancellationTokenSource stop, int generates)
    {
        while (!stop.IsCancellationRequested && Generates < generates)
        {
            await Task.Delay(2);
        }

        stop.Cancel();
    }

    private void AssertNoTemporaryFiles()
    {
        if (Directory.Exists(OutFolder))
        {
            Assert.Empty(Directory.GetFiles(OutFolder, "*.partial"));
            Assert.Empty(Directory.GetFiles(OutFolder, ".*"));
        }
    }

    private static void AssertNoOutcomeUnknown(RecordingSink log) =>
        Assert.DoesNotContain(log.Verbose, v => v.Contains("outcome unknown", StringComparison.Ordinal));

    // Each row's request maps (by identity and occurrence) to a task in the journal, and that task's images are saved.
    private void AssertEachRowHasItsTaskAndImages(List<GenerateInput> rows, Dictionary<string, int> imagesByTask)
    {
        using BatchJournal journal = BatchJournal.OpenReadOnly(JournalPath);
        var occurrences = new OccurrenceCounter();
        var digests = new FileDigests();
        var taskIds = new HashSet<string>();
        foreach (GenerateInput row in rows)
        {
            string id = RequestIdentity.Of(row, row.ToRequest(), digests);
            JournalEntry? entry = journal.Find(id, occurrences.Next(id));
            Assert.Equal(JournalRowStatus.Created, entry?.Status);
            Assert.True(taskIds.Add(entry!.TaskId!), "two rows share task " + entry.TaskId);
            Assert.Equal(row.Variants ?? 1, imagesByTask[entry.TaskId!]);
        }
    }
}
