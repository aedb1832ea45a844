using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>
/// Issue 16 through the operations behind the cmdlets: a record that is not visible yet, "no credits" sent as a 429, and
/// messages in another language.
/// </summary>
public sealed class AmbiguousAnswerTests : IDisposable
{
    private const int Rows = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-ambiguous-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static GenerateInput[] Batch(string name) =>
        Enumerable.Range(1, Rows).Select(i => new GenerateInput { Prompt = $"{name}, row {i}" }).ToArray();

    private static async Task<EmulatorServer> StartAsync(Action<EmulatorOptions> configure)
    {
        var options = new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMilliseconds(300), SubmissionWindowLength = EmulatorFixture.Window };
        configure(options);
        return await EmulatorServer.StartAsync(options);
    }

    [Theory]
    [InlineData(InvisibleRecordAnswer.RecordIsNull)]
    [InlineData(InvisibleRecordAnswer.DataNull)]
    public async Task With_records_invisible_for_3_s_a_20_row_batch_saves_every_image(InvisibleRecordAnswer answer)
    {
        await using EmulatorServer server = await StartAsync(o =>
        {
            o.Faults.NewRecordDelay = TimeSpan.FromSeconds(3);
            o.Faults.InvisibleRecordAnswer = answer;
        });
        string output = Path.Combine(_folder, "out-" + answer);

        using (JournaledPipeline run = await JournaledPipeline.StartAsync(EmulatorFixture.ClientFor(server), Path.Combine(_folder, answer + ".journal"), output, false, CancellationToken.None))
        {
            foreach (GenerateInput row in Batch("invisible at first"))
            {
                run.Submit(row);
            }

            await run.CompleteAsync();
            Assert.Empty(run.Log.Errors);
        }

        Assert.Equal(Rows, Directory.GetFiles(output, "*.png").Length);
        Assert.Contains(server.RequestLog, e => e.Endpoint == EmulatorEndpoints.RecordInfo && e.BodyCode == (answer == InvisibleRecordAnswer.RecordIsNull ? 422 : 200)
            && server.RequestLog.Any(g => g.Endpoint == EmulatorEndpoints.Generate && g.TaskId == e.TaskId && e.Time - g.Time < TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Get_4oImageTask_waits_for_a_task_it_just_created_but_an_id_never_seen_is_not_found_at_once()
    {
        await using EmulatorServer server = await StartAsync(o => o.Faults.NewRecordDelay = TimeSpan.FromSeconds(2));
        FourOImageClient client = EmulatorFixture.ClientFor(server);
        string created = await client.GenerateAsync(new GenerateRequest { Prompt = "just made" });
        var sink = new RecordingSink();
        var operation = new TaskQueryOperation(sink, client, 4, CancellationToken.None);

        operation.Submit(new TaskReference(created));
        operation.Submit(new TaskReference("0123456789abcdef0123456789abcdef"));
        await operation.CompleteAsync();

        Assert.Equal(created, Assert.Single(sink.OfType<ImageTask>()).TaskId);
        PipelineError unknown = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Task.TaskNotFound", unknown.ErrorId);
        Assert.Equal(1, server.RequestLog.Count(e => e.TaskId == "0123456789abcdef0123456789abcdef"));
        Assert.Contains(sink.Verbose, v => v.StartsWith($"Task {created} is not visible yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_4oImageTask_asks_again_for_a_success_without_results_then_reports_it_naming_the_task()
    {
        // Issue 23: successFlag 1 with response null, for ever; a half-second grace.
        await using EmulatorServer server = await StartAsync(o => o.Faults.ResultsDelay = TimeSpan.MaxValue);
        FourOImageClient client = FourOImageClient.Create(EmulatorFixture.ClientFor(server).Options.WithNewTaskGracePeriod(TimeSpan.FromMilliseconds(500)));
        string id = await client.GenerateAsync(new GenerateRequest { Prompt = "no results" });
        server.AdvanceClock(TimeSpan.FromSeconds(1));
        var sink = new RecordingSink();
        var operation = new TaskQueryOperation(sink, client, 4, CancellationToken.None);

        operation.Submit(new TaskReference(id));
        await operation.CompleteAsync();

        Assert.Empty(sink.OfType<ImageTask>());
        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Task.NoResults", error.ErrorId);
        Assert.Contains(id, error.Exception.Message);
        Assert.Contains("no result URLs", error.Exception.Message);
        Assert.Contains($"Get-4oImageTask {id}", error.RecommendedAction);
        Assert.True(server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.RecordInfo && e.TaskId == id) >= 2, "asked again before reporting");
    }

    [Fact]
    public async Task With_no_credits_answered_as_429_a_20_row_batch_stops_sending_fails_fast_and_a_journal_rerun_sends_exactly_the_rows_not_created()
    {
        // Credits for 5 images; an empty balance is answered the way the platform's sibling endpoints do: code 429.
        await using EmulatorServer server = await StartAsync(o =>
        {
            o.InitialCredits = 7.5m;
            o.Faults.InsufficientCreditsCode = 429;
        });
        string journal = Path.Combine(_folder, "credits.journal");
        string output = Path.Combine(_folder, "credits-out");
        GenerateInput[] rows = Batch("paid for");
        DateTime started = DateTime.UtcNow;

        using (JournaledPipeline first = await JournaledPipeline.StartAsync(EmulatorFixture.ClientFor(server), journal, output, false, CancellationToken.None))
        {
            first.Client.Diagnostics = first.Log.WriteVerbose;
            foreach (GenerateInput row in rows)
            {
                first.Submit(row);
            }

            await first.CompleteAsync();

            PipelineError refused = Assert.Single(first.Log.Errors, e => e.ErrorId == "FourOImage.Generate.InsufficientCredits");
            Assert.Equal("The current credits are insufficient. Please top up. (balance: 0 credits)", refused.Details);
            Assert.Equal(PipelineErrorCategory.QuotaExceeded, refused.Category);
            PipelineError notCreated = Assert.Single(first.Log.Errors, e => e.ErrorId == "FourOImage.Generate.NotSent");
            Assert.StartsWith("The account is out of credits (balance: 0 credits): 14 more row(s) were not created", notCreated.Exception.Message);
            Assert.Equal(2, first.Log.Errors.Count);
            Assert.DoesNotContain(first.Log.Verbose, v => v.Contains("then sending it again", StringComparison.Ordinal)); // never waited out as a 429
        }

        // Fast, and nothing sent after the refusal but what was already in flight (at most ThrottleLimit beside the 5).
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"took {DateTime.UtcNow - started}");
        int firstRun = server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.Generate);
        Assert.InRange(firstRun, 6, 5 + ThrottledOperation.DefaultThrottleLimit);
        Assert.Equal(5, Directory.GetFiles(output, "*.png").Length);
        JournalSummary afterFirst = BatchJournal.Summarize(journal);
        Assert.Equal((5, 0), (afterFirst.Created, afterFirst.Pending));

        server.SetCredits(server.ApiKey, 1000m);
        using (JournaledPipeline rerun = await JournaledPipeline.StartAsync(EmulatorFixture.ClientFor(server), journal, output, false, CancellationToken.None))
        {
            foreach (GenerateInput row in rows)
            {
                rerun.Submit(row);
            }

            await rerun.CompleteAsync();
            Assert.Empty(rerun.Log.Errors);
            Assert.DoesNotContain(rerun.Log.Verbose, v => v.StartsWith("WARNING:", StringComparison.Ordinal));
        }

        var created = server.RequestLog.Where(e => e.Endpoint == EmulatorEndpoints.Generate && e.BodyCode == 200).ToList();
        Assert.Equal(Rows - 5, server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.Generate) - firstRun);
        Assert.Equal(Rows, created.Select(e => e.TaskId).Distinct().Count());
        Assert.Equal(Rows, Directory.GetFiles(output, "*.png").Length);
    }

    [Fact]
    public async Task A_message_in_Chinese_reaches_the_user_unchanged()
    {
        await using EmulatorServer server = await StartAsync(_ => { });
        const string Message = "提示词不能为空。";
        server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.WithBodyCode(422, message: Message));
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, EmulatorFixture.ClientFor(server), 1, null, CancellationToken.None);

        operation.Submit(new GenerateInput { Prompt = "a fox" });
        await operation.CompleteAsync();

        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal(Message, error.Details);
        Assert.Equal(Message, ((FourOImageApiException)error.Exception).ServiceMessage);
        Assert.Contains(Message, error.Exception.Message);
        Assert.Equal("FourOImage.Generate.InvalidRequest", error.ErrorId);
    }
}
