using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Gallery;
using FourOImage.Core.Hosting;
using FourOImage.Core.Journal;
using FourOImage.Core.Submission;
using FourOImage.Core.Text;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind New-4oImage: per record, ask ShouldProcess (the message names prompt, size and variants), upload local
/// files, create the task, and emit it; at most ThrottleLimit records at a time. With a wait stage (-Wait) the created
/// tasks are waited for together and each is emitted the moment it finishes. With a <see cref="Journal"/> a request
/// already answered in an earlier run is emitted as its known task without a generate call, one sent without a
/// recorded answer is only sent again with <see cref="ResendUnknown"/> (-Force), and one whose task failed is only
/// created again with <see cref="RetryFailed"/>. Every generate call waits for a slot in the
/// account's submission window first; a row still waiting for one has not been sent (the journal says nothing of it),
/// and the rows waiting show in a progress bar.
/// </summary>
public sealed class GenerateOperation : ThrottledOperation, IDisposable
{
    public const string ShouldProcessAction = "Create a 4o image task (spends credits)";

    /// <summary>How to read a CSV file so that its prompts arrive as written.</summary>
    public const string EncodingAdvice = "Windows PowerShell 5.1 reads a CSV file without a byte order mark in the ANSI code page: " +
        "read it with Import-Csv -Encoding UTF8, or save it as UTF-8 with BOM.";

    private readonly FourOImageClient _client;
    private readonly WaitStage? _wait;
    private readonly TaskJournals _journals;
    private readonly OccurrenceCounter _occurrences = new();
    private readonly FileDigests _fileDigests = new();
    private readonly PendingWork _generates = new();
    private readonly SubmissionProgress _submissionProgress;
    private readonly BatchRecord _batch = new();
    private readonly BatchStop _stop;
    private JournalRun? _journal;
    private int _rows;
    private int _rowsOffered;
    private TimeSpan _rowTimeout = GenerateHooks.DefaultRowTime;
    private bool _misdecodedWarned;
    private bool _reencodedReported;

    public GenerateOperation(IPipelineSink sink, FourOImageClient client, int throttleLimit, WaitOptions? waitOptions, CancellationToken cancellationToken)
        : base(sink, throttleLimit, cancellationToken)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _journals = new TaskJournals(sink.WriteVerbose);
        _submissionProgress = new SubmissionProgress(sink, client.Options);
        _stop = new BatchStop(cancellationToken);
        if (waitOptions != null)
        {
            _wait = new WaitStage(sink, client, waitOptions, "Creating and waiting for 4o image tasks", EmitFinished, cancellationToken, _journals);
        }
    }

    /// <summary>The batch journal of this run (-Journal); set before the first record. The caller disposes it after this operation.</summary>
    public JournalRun? Journal
    {
        get => _journal;
        set
        {
            _journal = value;
            _batch.JournalPath = value?.Journal.Path;
        }
    }

    /// <summary>What this run took, created and could not do, for the summary at the end of the batch.</summary>
    public BatchRecord Batch => _batch;

    /// <summary>Send again the requests whose outcome is unknown (-Force): a task may already exist and be charged.</summary>
    public bool ResendUnknown { get; set; }

    /// <summary>Create a new task (new credits) for each request whose task the journal records as failed (-RetryFailed).</summary>
    public bool RetryFailed { get; set; }

    /// <summary>
    /// The records come from the pipeline (a CSV, a list of prompts): errors then name the row ("Row 3 ('a fox')") and
    /// the tasks carry it (<see cref="ImageTask.Row"/>) so later stages name it too. A single record from the command
    /// line needs no row.
    /// </summary>
    public bool NumberRows { get; set; }

    /// <summary>
    /// Warn (once) of a prompt that looks like UTF-8 read in a legacy code page; on by default in Windows PowerShell 5.1,
    /// whose Import-Csv reads a file without a byte order mark that way.
    /// </summary>
    public bool WarnOfMisdecodedPrompts { get; set; } = RuntimeSupport.OnNetFramework;

    /// <summary>
    /// How long a row keeps trying to be created, from its first request: refusals that create no task (the window full,
    /// the queue full, maintenance) are waited out and sent again until then (-Timeout).
    /// </summary>
    public TimeSpan RowTimeout
    {
        get => _rowTimeout;
        set => _rowTimeout = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException("Timeout", value, "The timeout must be positive.");
    }

    /// <summary>
    /// For -WhatIf: how long sending the rows offered to ShouldProcess so far (the rows that would be sent) takes at the account's submission limit, e.g.
    /// "100 rows would be sent at 20 new tasks per 10 s: about 41 s from the first to the last (-SubmissionLimit).";
    /// null when the window holds nothing back (no more rows than the limit, or no limit).
    /// </summary>
    public string? DescribeSubmission()
    {
        ClientOptions options = _client.Options;
        int rows = Volatile.Read(ref _rowsOffered);
        TimeSpan duration = SubmissionEstimate.Duration(rows, options.SubmissionLimit, options.SubmissionWindow);
        return duration == TimeSpan.Zero
            ? null
            : $"{rows} rows would be sent at {SubmissionEstimate.DescribeLimit(options.SubmissionLimit, options.SubmissionWindow)}: " +
                $"about {SubmissionEstimate.Format(duration)} from the first to the last (-SubmissionLimit).";
    }

    /// <summary>How long a generate call already sent may still finish after a stop, so its task id reaches the journal.</summary>
    public TimeSpan GenerateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Takes one record without blocking; asks ShouldProcess first, on the calling (pipeline) thread.</summary>
    public void Submit(GenerateInput input)
    {
        var row = new InputRow(++_rows, NumberRows ? ItemLabel.Row(_rows, input.Prompt) : null);
        _batch.RowTaken();
        GenerateRequest request;
        JournalSlot? slot = null;
        try
        {
            request = input.ToRequest();
            WarnIfMisdecoded(request.Prompt, row.Number);
            if (Journal != null && !TryPlanWithJournal(Journal.Journal, input, request, row, out slot))
            {
                return;
            }
        }
        catch (ArgumentException error)
        {
            PipelineError invalid = PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, input);
            _batch.RowFailed(row.Shown, input.Prompt, GalleryFailureKind.Invalid, invalid);
            Sink.WriteError(RowError(invalid, row));
            return;
        }

        if (_stop.Stopped)
        {
            NotSent(row, input.Prompt);
            return;
        }

        Interlocked.Increment(ref _rowsOffered);
        string target = slot?.RetryOf is { } failed ? $"{input.Describe()}, again (task {failed} failed)" : input.Describe();
        Task<bool> allowed = Sink.ShouldProcessAsync(target, ShouldProcessAction, Cancellation);
        Start(PipelineErrors.Areas.Generate, input, Recorded(row, request.Prompt, async () =>
        {
            if (await allowed.ConfigureAwait(false))
            {
                var turn = new RowTurn(_submissionProgress);
                try
                {
                    await ThrottledAsync(() => CreateAsync(input, request, slot, row, turn)).ConfigureAwait(false);
                }
                finally
                {
                    turn.Sending();
                }
            }
        }), row.Label);
    }

    public override async Task CompleteAsync()
    {
        await base.CompleteAsync().ConfigureAwait(false);
        if (!Cancellation.IsCancellationRequested && await _stop.SummaryAsync(_client, Cancellation).ConfigureAwait(false) is { } notCreated)
        {
            Sink.WriteError(notCreated);
        }

        if (Journal != null && !Cancellation.IsCancellationRequested)
        {
            try
            {
                await Journal.EndAsync(Cancellation).ConfigureAwait(false);
                _batch.CreditsSpent = Journal.CreditsSpent;
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                // Stopped before the balance arrived: the next run's start balance closes this run's account.
            }
        }

        if (_wait != null)
        {
            await _wait.CompleteAsync().ConfigureAwait(false);
        }
    }

    public override void RefreshProgress()
    {
        _submissionProgress.Refresh();
        _wait?.RefreshProgress();
    }

    /// <summary>Waits (at most the grace period) for generate calls still in flight after a stop, so the journal gets their answers.</summary>
    public void Dispose()
    {
        try
        {
            _generates.WhenAllAsync().Wait(GenerateGracePeriod + TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // Each generate reports its own failure.
        }

        _wait?.Dispose();
        _journals.Dispose();
        _stop.Dispose();
    }

    // On the pipeline thread, so occurrence numbers follow input order whatever order the creates finish in.
    private bool TryPlanWithJournal(BatchJournal journal, GenerateInput input, GenerateRequest request, InputRow row, out JournalSlot? slot)
    {
        string requestId = RequestIdentity.Of(input, request, _fileDigests);
        string shape = RequestIdentity.ShapeOf(input, request, _fileDigests);
        slot = new JournalSlot(requestId, _occurrences.Next(requestId), row.Number, shape);
        JournalEntry? entry = journal.Find(requestId, slot.Occurrence);
        string rowText = ItemLabel.Row(row.Number, request.Prompt);
        if (entry is null && ReencodedRow.Find(journal, row.Number, shape, request.Prompt) is { } reencoded)
        {
            if (!reencoded.Proven)
            {
                return PlanUnproven(reencoded.Entry, rowText, row, request.Prompt);
            }

            entry = reencoded.Entry;
            ReportReencoded(entry, rowText);
        }

        switch (entry?.Status)
        {
            case JournalRowStatus.Created when RetryFailed && journal.FailureOf(entry.TaskId!) is { } failure:
                Sink.WriteVerbose($"{rowText}: task {entry.TaskId} failed ({(failure.Length == 0 ? "no reason given" : failure)}); " +
                    "creating a new task because of -RetryFailed.");
                slot = slot! with { RetryOf = entry.TaskId };
                return true;
            case JournalRowStatus.Created:
                if (journal.IsReadOnly)
                {
                    Sink.WriteVerbose($"{rowText} has task {entry.TaskId} in the journal; it would be emitted without creating a task.");
                    return false;
                }

                Sink.WriteVerbose($"{rowText}: task {entry.TaskId} from the journal, not created again.");
                Hand(new ImageTask(entry.TaskId!)
                {
                    Status = TaskState.Generating,
                    Prompt = entry.Prompt ?? request.Prompt, // the prompt the task was made from, even when read differently now
                    Size = request.Size,
                    Variants = request.Variants,
                    Row = row.Label is null ? null : row.Number,
                    JournalPath = journal.Path,
                    CreatedLocally = entry.CreatedAt,
                });
                return false;
            case JournalRowStatus.OutcomeUnknown when !ResendUnknown:
                Sink.WriteWarning($"{rowText}: outcome unknown. An earlier run sent this request but recorded no answer, so a task may " +
                    "exist and may have been charged. It is not sent again; use -Force to send it again.");
                _batch.RowFailed(row.Shown, request.Prompt, GalleryFailureKind.NotSent,
                    "An earlier run sent this row but recorded no answer (a task may exist and may have been charged), so it was not sent again.",
                    "Use -Force to send it again.");
                return false;
            case JournalRowStatus.OutcomeUnknown:
                Sink.WriteWarning($"{rowText}: outcome unknown; sending it again because of -Force (a task from the earlier run may exist too).");
                return true;
            case null when !journal.IsReadOnly:
                // Counted as not sent until its request leaves: a stop while it waits for a slot leaves it so.
                try
                {
                    journal.RecordQueued(slot.RequestId, slot.Occurrence, slot.Row, request.Prompt, slot.Shape);
                }
                catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
                {
                    Sink.WriteVerbose($"{rowText}: the journal could not record the row as taken ({error.Message}); it is still sent.");
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// A row the journal has at the same position with the same settings and the same ASCII text, but whose prompt
    /// could not be proven to be the same text read in another encoding: held back like an unknown outcome.
    /// </summary>
    private bool PlanUnproven(JournalEntry entry, string rowText, InputRow row, string? prompt)
    {
        if (entry.Status == JournalRowStatus.New)
        {
            return true; // The service refused that one: nothing was charged, so nothing can be paid twice.
        }

        string journalRow = $"row {entry.Row} ({ItemLabel.Quoted(entry.Prompt)})";
        if (ResendUnknown)
        {
            Sink.WriteWarning($"{rowText}: the journal has {journalRow} with the same settings and the same text except for its " +
                "non-ASCII characters; sending it as a new request because of -Force.");
            return true;
        }

        Sink.WriteWarning($"{rowText} is not sent: the journal has {journalRow} with the same settings and the same text except " +
            "for its non-ASCII characters, so it may be that row read in another text encoding, whose task may exist and may " +
            $"have been charged. {EncodingAdvice} If it is a new prompt, use -Force to send it.");
        _batch.RowFailed(row.Shown, prompt, GalleryFailureKind.NotSent,
            $"The journal has {journalRow} with the same settings, perhaps this row read in another text encoding, so it was not sent.",
            "If it is a new prompt, use -Force to send it.");
        return false;
    }

    private void ReportReencoded(JournalEntry entry, string rowText)
    {
        string text = $"{rowText} is row {entry.Row} of the journal ({ItemLabel.Quoted(entry.Prompt)}) read in another text encoding; it is treated as that row.";
        if (_reencodedReported)
        {
            Sink.WriteVerbose(text);
            return;
        }

        _reencodedReported = true;
        Sink.WriteWarning($"{text} {EncodingAdvice} (Further such rows: see -Verbose.)");
    }

    private void WarnIfMisdecoded(string? prompt, int row)
    {
        if (!WarnOfMisdecodedPrompts || _misdecodedWarned || !Mojibake.LooksMisdecoded(prompt))
        {
            return;
        }

        _misdecodedWarned = true;
        string? repaired = Mojibake.Repair(prompt);
        string probably = repaired is null ? "" : $", probably {ItemLabel.Quoted(repaired)}";
        Sink.WriteWarning($"The prompt of row {row} looks mis-decoded ({ItemLabel.Quoted(prompt)}{probably}). {EncodingAdvice}");
    }

    private async Task CreateAsync(GenerateInput input, GenerateRequest request, JournalSlot? slot, InputRow row, RowTurn turn)
    {
        if (_stop.Stopped)
        {
            NotSent(row, input.Prompt);
            return;
        }

        if (input.HasLocalFiles && !await UploadAsync(input, request, row).ConfigureAwait(false))
        {
            return;
        }

        string taskId;
        try
        {
            if (slot is null)
            {
                taskId = await _client.GenerateAsync(request, Hooks(turn, null, null, Cancellation), _stop.Sending).ConfigureAwait(false);
            }
            else
            {
                Task<string> generate = GenerateRecordedAsync(Journal!.Journal, request, slot, turn);
                _generates.Add(generate);
                taskId = await generate.ConfigureAwait(false);
                if (Cancellation.IsCancellationRequested)
                {
                    return; // Stopping: the answer is in the journal for the next run; nothing downstream will read it now.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.Stopped && !Cancellation.IsCancellationRequested)
        {
            NotSent(row, input.Prompt); // it was still waiting for a slot (or a retry) when the batch stopped
            return;
        }
        catch (FourOImageApiException error) when (error.Kind == ApiErrorKind.InsufficientCredits)
        {
            await OutOfCreditsAsync(error, input, row).ConfigureAwait(false);
            return;
        }
        catch (FourOImageApiException error) when (BatchStop.Dooms(error))
        {
            Doomed(error, input, row);
            return;
        }

        Sink.WriteVerbose($"Created task {taskId} for {input.Describe()}.");
        Hand(new ImageTask(taskId)
        {
            Status = TaskState.Generating,
            Prompt = request.Prompt,
            Size = request.Size,
            Variants = request.Variants,
            Row = row.Label is null ? null : row.Number,
            JournalPath = slot is null ? null : Journal!.Journal.Path,
            CreatedLocally = _client.Options.Clock.UtcNow,
        });
    }

    /// <summary>
    /// Pending right before each request leaves (after its submission slot: a row still waiting for one was never
    /// sent), the task id after it, and "rejected" when the service refused for certain (so the row can be sent again),
    /// also while it waits to be sent again after a refusal it waits out; a timeout or dropped connection leaves it
    /// pending: the outcome is unknown. When "pending" cannot be written nothing is sent; when the task id cannot be
    /// written the task is still passed on and the error names it. A stop (Ctrl+C) ends a wait for a slot at once but
    /// does not cancel a request already sent: it gets <see cref="GenerateGracePeriod"/> to answer, because an answer
    /// lost to the stop would be a task paid for and forgotten; only a request that outlives the grace is cut off, and
    /// stays pending.
    /// </summary>
    private async Task<string> GenerateRecordedAsync(BatchJournal journal, GenerateRequest request, JournalSlot slot, RowTurn turn)
    {
        Cancellation.ThrowIfCancellationRequested();
        var pending = false;
        void RecordPending()
        {
            if (pending)
            {
                return;
            }

            try
            {
                journal.RecordPending(slot.RequestId, slot.Occurrence, slot.Row, request.Prompt, request.Size, request.Variants, slot.Shape);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw JournalWriteException.NotSent(slot.Row, journal.Path, error);
            }

            pending = true;
        }

        void Deferred(string reason)
        {
            if (pending && TryRecord(slot, () => journal.RecordRejected(slot.RequestId, slot.Occurrence, slot.Row, reason)))
            {
                pending = false; // refused for certain: the row is unsent again while it waits to be sent again
            }
        }

        string taskId;
        using (var grace = new CancellationTokenSource())
        using (Cancellation.Register(() => grace.CancelAfter(GenerateGracePeriod)))
        {
            try
            {
                taskId = await _client.GenerateAsync(request, Hooks(turn, RecordPending, Deferred, grace.Token), _stop.Sending).ConfigureAwait(false);
            }
            catch (FourOImageApiException error) when (!error.TaskMayExist && pending)
            {
                TryRecord(slot, () => journal.RecordRejected(slot.RequestId, slot.Occurrence, slot.Row, error.Message));
                throw;
            }
        }

        try
        {
            journal.RecordCreated(slot.RequestId, slot.Occurrence, slot.Row, taskId);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            // The task exists and is paid for: it goes on down the pipeline, and the error says which one it is.
            Sink.WriteError(PipelineErrors.FromException(JournalWriteException.NotRecorded(slot.Row, taskId, journal.Path, error), PipelineErrors.Areas.Generate, taskId));
        }

        return taskId;
    }

    // The order per request: a submission slot, then the journal's "pending", then the HTTP request.
    private GenerateHooks Hooks(RowTurn turn, Action? recordPending, Action<string>? deferred, CancellationToken? sendCancellation) => new()
    {
        RowTime = RowTimeout,
        Queued = turn.Queued,
        SlotWait = _submissionProgress.Refresh,
        BeforeSend = () =>
        {
            recordPending?.Invoke();
            turn.Sending();
        },
        Deferred = reason =>
        {
            deferred?.Invoke(reason);
            turn.WaitingAgain();
        },
        Warning = Sink.WriteWarning,
        SendCancellation = sendCancellation,
    };

    private bool TryRecord(JournalSlot slot, Action record)
    {
        try
        {
            record();
            return true;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            Sink.WriteVerbose($"Row {slot.Row}: the journal could not record that the service refused it ({error.Message}); a re-run will call its outcome unknown.");
            return false;
        }
    }

    private void Hand(ImageTask task)
    {
        task.Connection = _client.Options;
        _batch.Created(task);
        if (_wait != null)
        {
            SeenTaskIds.Add(task.TaskId);
            _wait.Add(new TaskReference(task));
        }
        else
        {
            EmitTask(task);
        }
    }

    // Uploads are reported under their own area (FourOImage.Upload.*) with the file as the target.
    private async Task<bool> UploadAsync(GenerateInput input, GenerateRequest request, InputRow row)
    {
        var paths = new List<string>(input.ImagePath ?? Array.Empty<string>());
        if (input.MaskPath != null)
        {
            paths.Add(input.MaskPath);
        }

        foreach (string path in paths)
        {
            UploadedFile uploaded;
            try
            {
                uploaded = await _client.UploadFileAsync(path, Cancellation).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !Cancellation.IsCancellationRequested)
            {
                PipelineError failed = PipelineErrors.FromException(error, PipelineErrors.Areas.Upload, path);
                _batch.RowFailed(row.Shown, input.Prompt, GalleryFailureKind.NotSent, failed);
                Sink.WriteError(RowError(failed, row));
                return false;
            }

            Sink.WriteVerbose($"Uploaded {path} as {uploaded.DownloadUrl}.");
            if (path == input.MaskPath)
            {
                request.MaskUrl = uploaded.DownloadUrl.AbsoluteUri;
            }
            else
            {
                request.FilesUrl.Add(uploaded.DownloadUrl.AbsoluteUri);
            }
        }

        return true;
    }

    // The first refusal for credits is this row's error, with the balance; the rows after it make one error at the end.
    private async Task OutOfCreditsAsync(FourOImageApiException error, GenerateInput input, InputRow row)
    {
        if (!_stop.Refused(error))
        {
            _batch.RowFailed(row.Shown, input.Prompt, GalleryFailureKind.Refused, PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, input));
            return;
        }

        decimal? balance = await _stop.BalanceAsync(_client, Cancellation).ConfigureAwait(false);
        PipelineError reported = PipelineErrors.InsufficientCredits(error, balance, input);
        _batch.RowFailed(row.Shown, input.Prompt, GalleryFailureKind.Refused, reported);
        Sink.WriteError(RowError(reported, row));
        Sink.WriteVerbose($"The account is out of credits{BatchStop.BalanceText(balance)}: no further row is sent; tasks already created are still waited for.");
    }

    // An answer no later row can get past (the key refused, the API unreachable, ...): the first stops the batch, and
    // every row it dooms is told in one error at the end instead of one each.
    private void Doomed(FourOImageApiException error, GenerateInput input, InputRow row)
    {
        if (_stop.Refused(error))
        {
            Sink.WriteVerbose($"{ItemLabel.Row(row.Number, input.Prompt)}: {error.Message} No further row is sent; tasks already created are still waited for.");
        }

        PipelineError reported = PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, input);
        _batch.RowFailed(row.Shown, input.Prompt, error.Kind == ApiErrorKind.NetworkError ? GalleryFailureKind.NotSent : GalleryFailureKind.Refused, reported);
    }

    private void NotSent(InputRow row, string? prompt)
    {
        _stop.NotSent();
        _batch.RowFailed(row.Shown, prompt, GalleryFailureKind.NotSent, $"Not sent: {_stop.Why}.", _stop.WhatToDo);
    }

    private Task EmitFinished(ImageTask task)
    {
        EmitTask(task);
        return Task.CompletedTask;
    }

    /// <summary>Records in the batch why a row's work gave no task, then lets the failure go on to be reported.</summary>
    private Func<Task> Recorded(InputRow row, string? prompt, Func<Task> work) => async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !Cancellation.IsCancellationRequested)
        {
            GalleryFailureKind kind = error switch
            {
                FourOImageApiException { TaskMayExist: true } => GalleryFailureKind.Unknown,
                FourOImageApiException => GalleryFailureKind.Refused,
                _ => GalleryFailureKind.NotSent,
            };
            _batch.RowFailed(row.Shown, prompt, kind, PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, null));
            throw;
        }
    };

    private static PipelineError RowError(PipelineError error, InputRow row)
    {
        error.About = row.Label;
        return error;
    }

    /// <param name="RetryOf">The failed task this request replaces (-RetryFailed), if any.</param>
    private sealed record JournalSlot(string RequestId, int Occurrence, int Row, string Shape, string? RetryOf = null);

    /// <summary>The record's 1-based position, and its label when errors should name it.</summary>
    private sealed record InputRow(int Number, string? Label)
    {
        /// <summary>The row number where rows are numbered (pipeline input), else null.</summary>
        public int? Shown => Label is null ? null : Number;
    }
}
