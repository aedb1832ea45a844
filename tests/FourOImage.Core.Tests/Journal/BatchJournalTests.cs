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
