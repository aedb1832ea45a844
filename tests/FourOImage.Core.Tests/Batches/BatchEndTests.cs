using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Gallery;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Batches;

/// <summary>Issue 22: what dooms a batch, the batch's summary, the folder probe and the journal's rows not sent.</summary>
public sealed class BatchEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-batchend-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(ApiErrorKind.InsufficientCredits, false, true)]
    [InlineData(ApiErrorKind.Unauthorized, false, true)]
    [InlineData(ApiErrorKind.NotFound, false, true)]
    [InlineData(ApiErrorKind.ProxyAuthenticationRequired, false, true)]
    [InlineData(ApiErrorKind.NetworkError, false, true)]
    [InlineData(ApiErrorKind.NetworkError, true, false)] // sent before it broke: a task may exist, and another row may get through
    [InlineData(ApiErrorKind.EdgeRefused, false, false)]
    [InlineData(ApiErrorKind.ValidationFailed, false, false)]
    [InlineData(ApiErrorKind.RateLimited, false, false)]
    [InlineData(ApiErrorKind.ServerError, true, false)]
    [InlineData(ApiErrorKind.Timeout, true, false)]
    public void Only_an_answer_no_later_row_can_get_past_dooms_the_batch(ApiErrorKind kind, bool taskMayExist, bool dooms)
    {
        Assert.Equal(dooms, BatchStop.Dooms(Error(kind, taskMayExist)));
    }

    [Fact]
    public async Task The_first_doomed_answer_stops_sending_and_the_one_error_counts_every_row_not_created()
    {
        using var stop = new BatchStop(default);
        Assert.True(stop.Refused(Error(ApiErrorKind.Unauthorized, false)));
        Assert.True(stop.Stopped);
        Assert.True(stop.Sending.IsCancellationRequested);
        Assert.False(stop.Refused(Error(ApiErrorKind.Unauthorized, false)));
        for (int i = 0; i < 5; i++)
        {
            stop.NotSent();
        }

        FourOImageClient client = Client("https://user:secret@api.example/");
        PipelineError error = (await stop.SummaryAsync(client, default))!;
        Assert.Equal("FourOImage.Generate.Unauthorized", error.ErrorId);
        Assert.Contains("7 row(s) were not created (2 refused, 5 not sent)", error.Reason);
        Assert.Contains("Check the API key", error.RecommendedAction);
        Assert.Equal("the API key was refused", stop.Why);
    }

    [Fact]
    public async Task A_base_url_that_is_not_the_apis_is_named_without_its_credentials()
    {
        using var stop = new BatchStop(default);
        stop.Refused(Error(ApiErrorKind.NotFound, false));
        FourOImageClient client = Client("https://user:secret@api.example/wrong/");
        PipelineError error = (await stop.SummaryAsync(client, default))!;
        Assert.Equal("FourOImage.Generate.NotFound", error.ErrorId);
        Assert.StartsWith("https://api.example/wrong/ answered 404", error.Reason);
        Assert.DoesNotContain("secret", error.Reason);
        Assert.Contains("Check -BaseUrl", error.RecommendedAction);
    }

    [Fact]
    public async Task Nothing_stopped_is_no_error()
    {
        using var stop = new BatchStop(default);
        FourOImageClient client = Client("https://api.example/");
        Assert.Null((await stop.SummaryAsync(client, default)));
    }

    [Fact]
    public void The_summary_adds_up_rows_tasks_failures_files_and_credits()
    {
        var batch = new BatchRecord();
        for (int i = 0; i < 5; i++)
        {
            batch.RowTaken();
        }

        batch.Created(new ImageTask("t1") { Row = 1 });
        batch.Created(new ImageTask("t2") { Row = 2 });
        batch.RowFailed(3, "bad", GalleryFailureKind.Invalid, "invalid");
        batch.RowFailed(4, "later", GalleryFailureKind.NotSent, "not sent");
        batch.RowFailed(5, "later", GalleryFailureKind.NotSent, "not sent");
        batch.CreditsSpent = 3m;

        BatchSummary summary = BatchTally.Summarize(new[] { batch, batch }, files: 2, errors: 2);
        Assert.Equal((5, 2, 1, 2, 2, 3m, 2), (summary.Rows, summary.Created, summary.Failed, summary.NotSent, summary.Files, summary.CreditsSpent, summary.Errors));
        Assert.False(summary.Succeeded);
        Assert.Equal("5 rows: 2 created, 1 failed, 2 not sent; 2 files; 3 credits spent, 2 error(s).", summary.ToString());
        PipelineError failure = BatchTally.Failure(summary)!;
        Assert.Equal("FourOImage.Batch.Failed", failure.ErrorId);
        Assert.Same(summary, failure.TargetObject);
        Assert.StartsWith("The batch did not complete: 5 rows:", failure.Reason);

        string stopped = BatchTally.StoppedLine(new[] { batch }, files: 1)!;
        Assert.StartsWith("Stopped: 5 rows taken, 2 tasks created, 1 files saved, 2 rows not sent.", stopped);
    }

    [Fact]
    public void A_batch_where_every_row_gave_its_images_succeeds_and_unmeasured_credits_say_so()
    {
        var batch = new BatchRecord();
        batch.RowTaken();
        batch.Created(new ImageTask("t1") { Row = 1 });
        BatchSummary summary = BatchTally.Summarize(new[] { batch }, files: 1, errors: 0);
        Assert.True(summary.Succeeded);
        Assert.Null(BatchTally.Failure(summary));
        Assert.Contains("credits spent not measured", summary.ToString());
    }

    [Fact]
    public void The_folder_probe_refuses_a_file_and_a_folder_under_a_file_and_leaves_no_folder_it_made()
    {
        string file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");
        Assert.Equal("FourOImage.Save.PathIsFile", FolderProbe.Problem(file, write: true)!.ErrorId);
        Assert.Equal("FourOImage.Save.FolderNotWritable", FolderProbe.Problem(Path.Combine(file, "out"), write: true)!.ErrorId);
        Assert.Contains("is a file, so no folder can be made in it", FolderProbe.Problem(Path.Combine(file, "out"), write: false)!.Exception.Message);

        string fresh = Path.Combine(_folder, "new", "deeper");
        Assert.Null(FolderProbe.Problem(fresh, write: true));
        Assert.False(Directory.Exists(Path.Combine(_folder, "new")));
        Assert.Single(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Internal_file_names_are_replaced_by_the_name_the_user_asked_for()
    {
        string text = "Access to the path '/data/out/.fox_0.png.0123456789ab.fouroimage.partial' is denied.";
        Assert.Equal("Access to the path '/data/out/fox_0.png' is denied.", TempNames.Hide(text, "/data/out/fox_0.png"));
    }

    [Fact]
    public void Rows_taken_but_never_sent_count_as_not_sent_until_a_later_record_says_more()
    {
        string path = Path.Combine(_folder, "b.journal");
        using (var journal = BatchJournal.Open(path, "1.0.0", null))
        {
            for (int row = 1; row <= 4; row++)
            {
                journal.RecordQueued("req-" + row, 1, row, "row " + row, null);
            }

            journal.RecordPending("req-1", 1, 1, "row 1", "1:1", 1);
            journal.RecordCreated("req-1", 1, 1, "task-1");
            journal.RecordPending("req-2", 1, 2, "row 2", "1:1", 1);
            journal.RecordQueued("req-1", 1, 1, "row 1", null); // a later run takes the row again: it keeps its task
            Assert.StartsWith("Resuming the batch in b.journal: 4 rows recorded, 1 with a task (not sent again), 2 to send, 1 of unknown outcome held back",
                journal.DescribeResume(force: false, retryFailed: false));
        }

        JournalSummary summary = BatchJournal.Summarize(path);
        Assert.Equal((4, 1, 1, 2), (summary.Rows, summary.Created, summary.Pending, summary.NotSent));
        Assert.Equal(JournalRowStatus.New, BatchJournal.OpenReadOnly(path).Find("req-3", 1)!.Status);
    }

    private static FourOImageClient Client(string baseUrl) =>
        FourOImageClient.Create(new ClientOptions().WithApiKey(ApiKey.FromString("k")).WithBaseUrl(new Uri(baseUrl)));

    private static FourOImageApiException Error(ApiErrorKind kind, bool taskMayExist) =>
        new("generate failed", "generate", null, null, "You do not have access permissions", isRetryable: false, taskMayExist) { Kind = kind };
}
