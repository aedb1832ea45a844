using System;
using System.IO;
using System.Linq;
using System.Text;
using FourOImage.Core.Journal;
using Xunit;

namespace FourOImage.Core.Tests.Journal;

public sealed class BatchJournalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fouroimage-journal-").FullName;

    private string JournalPath => Path.Combine(folder, "batch.jsonl");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_created_request_is_known_to_the_next_run()
    {
        using (var first = BatchJournal.Open(JournalPath, "1.2.3", 100m))
        {
            first.RecordPending("req-a", 1, 1, "a cat", "1:1", 2);
            first.RecordCreated("req-a", 1, 1, "task-1");
            first.RecordRunEnd(97m);
        }

        using var second = BatchJournal.Open(JournalPath, "1.2.3", 97m);
        var entry = second.Find("req-a", 1);
        Assert.NotNull(entry);
        Assert.Equal(JournalRowStatus.Created, entry!.Status);
        Assert.Equal("task-1", entry.TaskId);
        Assert.Equal(1, entry.Row);
        Assert.Equal("a cat", entry.Prompt);
        Assert.Null(second.Find("req-a", 2));
    }

    [Fact]
    public void A_pending_request_without_an_answer_has_an_unknown_outcome()
    {
        using (var first = BatchJournal.Open(JournalPath, "1.2.3", null))
        {
            first.RecordPending("req-a", 1, 7, "a dog", "3:2", 1);
        }

        using var second = BatchJournal.Open(JournalPath, "1.2.3", null);
        var entry = second.Find("req-a", 1);
        Assert.Equal(JournalRowStatus.OutcomeUnknown, entry!.Status);
        Assert.Equal(7, entry.Row);
        Assert.Null(entry.TaskId);
    }

    [Fact]
    public void A_rejected_request_may_be_sent_again()
    {
        using var journal = BatchJournal.Open(JournalPath, "1.2.3", null);
        journal.RecordPending("req-a", 1, 1, "x", "1:1", 1);
        journal.RecordRejected("req-a", 1, 1, "422 size is invalid");
        Assert.Equal(JournalRowStatus.New, journal.Find("req-a", 1)!.Status);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_and_the_next_record_starts_on_its_own_line()
    {
        using (var first = BatchJournal.Open(JournalPath, "1.2.3", null))
        {
            first.RecordPending("req-a", 1, 1, "x", "1:1", 1);
            first.RecordCreated("req-a", 1, 1, "task-1");
        }

        File.AppendAllText(JournalPath, "{\"type\":\"created\",\"request\":\"req-b\",\"occ", new UTF8Encoding(false));

        using (var second = BatchJournal.Open(JournalPath, "1.2.3", null))
        {
            Assert.Equal(1, second.UnreadableLines);
            Assert.Equal("task-1", second.Find("req-a", 1)!.TaskId);
            Assert.Null(second.Find("req-b", 1));
            second.RecordPending("req-b", 1, 2, "y", "1:1", 1);
            second.RecordCreated("req-b", 1, 2, "task-2");
        }

        var summary = BatchJournal.Summarize(JournalPath);
        Assert.Equal(1, summary.UnreadableLines);
        Assert.Equal(2, summary.Created);
    }

    [Fact]
    public void The_journal_can_be_read_while_a_run_is_writing_it()
    {
        using var journal = BatchJournal.Open(JournalPath, "1.2.3", null);
        journal.RecordPending("req-a", 1, 1, "x", "1:1", 1);

        var summary = BatchJournal.Summarize(JournalPath);

        Assert.Equal(1, summary.Rows);
        Assert.Equal(1, summary.Pending);
    }

    [Fact]
    public void Every_line_is_json_and_says_which_module_wrote_it()
    {
        using (var journal = BatchJournal.Open(JournalPath, "9.8.7", 5.5m))
        {
            journal.RecordPending("req-a", 1, 1, "Café 東京", "1:1", 1);
        }

        var lines = File.ReadAllLines(JournalPath, Encoding.UTF8);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        Assert.Contains("\"module\":\"FourOImage 9.8.7\"", lines[0], StringComparison.Ordinal);
        Assert.Equal(new[] { "FourOImage 9.8.7" }, BatchJournal.Summarize(JournalPath).Modules);
        Assert.Contains("Café 東京", File.ReadAllText(JournalPath, Encoding.UTF8), StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_adds_up_tasks_files_and_credits_across_runs()
    {
        var task1 = FinishedTask("task-1", TaskState.Success);
        var task2 = FinishedTask("task-2", TaskState.Failed);
        using (var run1 = BatchJournal.Open(JournalPath, "1.0.0", 100m))
        {
            run1.RecordPending("a", 1, 1, "p1", "1:1", 2);
            run1.RecordCreated("a", 1, 1, "task-1");
            run1.RecordPending("b", 1, 2, "p2", "1:1", 1);
            run1.RecordCreated("b", 1, 2, "task-2");
            run1.RecordPending("c", 1, 3, "p3", "1:1", 1);
            run1.RecordRunEnd(96.5m);
        }

        using (var run2 = BatchJournal.Open(JournalPath, "1.0.0", 96.5m))
        {
            run2.RecordFinished(task1);
            run2.RecordFinished(task2);
            run2.RecordSaved("task-1", 0, "/out/task-1_0.png", 10);
            run2.RecordSaved("task-1", 1, "/out/task-1_1.png", 10);
            run2.RecordSaved("task-1", 1, "/out/task-1_1.png", 10);
            run2.RecordRunEnd(96.5m);
        }

        var summary = BatchJournal.Summarize(JournalPath);
        Assert.Equal(3, summary.Rows);
        Assert.Equal(2, summary.Created);
        Assert.Equal(1, summary.Pending);
        Assert.Equal(1, summary.Succeeded);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(2, summary.Saved);
        Assert.Equal(3.5m, summary.CreditsSpent);
        Assert.Equal(2, summary.Runs);
        Assert.True(new BatchJournalTestsHelper(JournalPath).IsSaved("task-1", 1));
    }

    [Fact]
    public void Credits_spent_is_unknown_when_no_run_could_read_the_balance()
    {
        using (var journal = BatchJournal.Open(JournalPath, "1.0.0", null))
        {
            journal.RecordRunEnd(null);
        }

        Assert.Null(BatchJournal.Summarize(JournalPath).CreditsSpent);
    }

    [Fact]
    public void A_run_stopped_before_its_end_is_measured_up_to_the_start_of_the_run_that_resumed_it()
    {
        using (var stopped = BatchJournal.Open(JournalPath, "1.0.0", 100m))
        {
            stopped.RecordPending("a", 1, 1, "p1", "1:1", 1);
            stopped.RecordCreated("a", 1, 1, "task-1");
        }

        using (var resumed = BatchJournal.Open(JournalPath, "1.0.0", 98.5m))
        {
            resumed.RecordRunEnd(97m);
        }

        using (var running = BatchJournal.Open(JournalPath, "1.0.0", 97m))
        {
            Assert.Equal(3m, BatchJournal.Summarize(JournalPath).CreditsSpent);
        }
    }

    [Fact]
    public void Only_one_writer_at_a_time_and_readers_any_time()
    {
        using (var first = BatchJournal.Open(JournalPath, "1.0.0", null))
        {
            var error = Assert.Throws<FourOImageException>(() => BatchJournal.Open(JournalPath, "1.0.0", null));
            Assert.Contains("in use by another run", error.Message, StringComparison.Ordinal);
            Assert.Throws<FourOImageException>(() => BatchJournal.OpenForAppend(JournalPath));
            Assert.Equal(1, BatchJournal.Summarize(JournalPath).Runs);
            Assert.True(BatchJournal.OpenReadOnly(JournalPath).IsReadOnly);
        }

        Assert.False(File.Exists(JournalPath + ".lock"));
        using var next = BatchJournal.Open(JournalPath, "1.0.0", null);
        Assert.Equal(2, BatchJournal.Summarize(JournalPath).Runs);
    }

    [Fact]
    public void A_read_only_journal_knows_the_requests_and_refuses_to_write()
    {
        using (var run = BatchJournal.Open(JournalPath, "1.0.0", null))
        {
            run.RecordPending("a", 1, 1, "p", "1:1", 1);
            run.RecordCreated("a", 1, 1, "task-1");
        }

        using var readOnly = BatchJournal.OpenReadOnly(JournalPath);
        Assert.Equal("task-1", readOnly.Find("a", 1)!.TaskId);
        Assert.Throws<InvalidOperationException>(() => readOnly.RecordPending("b", 1, 2, "q", "1:1", 1));
    }

    [Fact]
    public void Commands_of_one_process_share_the_open_journal_until_the_last_lease_is_released()
    {
        var task = FinishedTask("task-1", TaskState.Success);
        using (var run = JournalRegistry.StartRun(JournalPath, "1.0.0", null))
        {
            Assert.Throws<FourOImageException>(() => JournalRegistry.StartRun(JournalPath, "1.0.0", null));
            using var wait = JournalRegistry.Attach(run.Journal.Path, out var problem);
            Assert.Null(problem);
            Assert.Same(run.Journal, wait!.Journal);
            run.Journal.RecordPending("a", 1, 1, "p", "1:1", 1);
            run.Journal.RecordCreated("a", 1, 1, "task-1");
            run.Dispose();
            wait.Journal.RecordFinished(task);
        }

        Assert.False(File.Exists(JournalPath + ".lock"));
        Assert.Equal(1, BatchJournal.Summarize(JournalPath).Succeeded);

        using var other = BatchJournal.Open(JournalPath, "1.0.0", null);
        Assert.Null(JournalRegistry.Attach(other.Path, out var busy));
        Assert.Contains("in use", busy, StringComparison.Ordinal);
    }

    private static ImageTask FinishedTask(string id, TaskState state) => new(id) { Status = state };

    private sealed class BatchJournalTestsHelper
    {
        private readonly string path;

        public BatchJournalTestsHelper(string path) => this.path = path;

        public bool IsSaved(string taskId, int index)
        {
            using var journal = BatchJournal.Open(path, "1.0.0", null);
            return journal.IsSaved(taskId, index);
        }
    }
}
