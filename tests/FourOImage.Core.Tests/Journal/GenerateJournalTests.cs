using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Tests.Emulated;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Journal;

/// <summary>What the journal says about a row while its generate call is under way: "sent" only while a request is out.</summary>
public sealed class GenerateJournalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fouro-generate-journal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task While_a_refused_generate_waits_to_be_sent_again_its_row_is_not_outcome_unknown()
    {
        await using var emulator = await TestEmulator.StartAsync();

        // A short submission window: the account pauses six windows after each 455 before the row is sent again (1.4 s,
        // long enough for the submission bar, which shows only waits of a second or more).
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithSubmissionWindow(TimeSpan.FromMilliseconds(200)));
        var journalPath = Path.Combine(folder, "batch.journal");
        var input = new GenerateInput { Prompt = "a fox that waits" };
        var request = input.ToRequest();
        var requestId = RequestIdentity.Of(input, request, new FileDigests());
        var seenDuringWait = new ConcurrentQueue<JournalRowStatus?>();
        var sink = new QuietSink();
        using var run = await JournalRun.StartAsync(journalPath, client, sink, CancellationToken.None);

        // A kill during this wait must leave a row that may be sent again: the service refused the attempt for certain.
        // The wait shows as the submission bar, which is where the row's journal status is looked at.
        sink.Progressed = update =>
        {
            if (!update.Completed)
            {
                seenDuringWait.Enqueue(run.Journal.Find(requestId, 1)?.Status);
            }
        };
        emulator.Faults.Enqueue("generate", Fault.WithBodyCode(455), 2);

        using (var operation = new GenerateOperation(sink, client, 1, null, CancellationToken.None) { Journal = run })
        {
            operation.Submit(input);
            await operation.CompleteAsync();
        }

        // Each wait shows the bar at least once (when the limiter holds the row back), and every look finds the row unsent.
        Assert.True(seenDuringWait.Count >= 2, $"the bar was drawn {seenDuringWait.Count} time(s) in two waits");
        Assert.All(seenDuringWait, status => Assert.Equal(JournalRowStatus.New, status));
        Assert.Equal(JournalRowStatus.Created, run.Journal.Find(requestId, 1)?.Status);
        Assert.Equal(3, TestEmulator.Count(emulator, "generate"));
        Assert.Empty(sink.Errors);
    }

    private sealed class QuietSink : IPipelineSink
    {
        public ConcurrentQueue<PipelineError> Errors { get; } = new();

        public void WriteObject(object item) { }

        public void WriteError(PipelineError error) => Errors.Enqueue(error);

        public void WriteWarning(string text) { }

        public void WriteVerbose(string text) { }

        public void WriteDebug(string text) { }

        public Action<ProgressUpdate>? Progressed { get; set; }

        public void WriteProgress(ProgressUpdate update) => Progressed?.Invoke(update);

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
