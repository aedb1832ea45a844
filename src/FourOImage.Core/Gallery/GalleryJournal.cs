using System;
using System.Collections.Generic;
using FourOImage.Core.Journal;

namespace FourOImage.Core.Gallery;

/// <summary>
/// What a gallery shows from a batch journal (Export-4oImageGallery -Journal): the rows that gave no image and why, over
/// every run of the batch, the input row of each task, and the batch's totals with the credits it spent.
/// </summary>
public static class GalleryJournal
{
    /// <summary>Reads the journal (while a run may be writing it); IO exceptions as they are.</summary>
    public static GalleryBatch Read(string path)
    {
        var records = JournalReader.Read(path, out _);
        var requests = new Dictionary<string, Request>(StringComparer.Ordinal);
        var order = new List<Request>();
        var finished = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Type == JournalRecordTypes.Finished && record.TaskId is string finishedTask)
            {
                finished[finishedTask] = record;
                continue;
            }

            if (record.Request is null || record.Occurrence is not int occurrence)
            {
                continue;
            }

            string key = record.Request + "#" + occurrence;
            if (!requests.TryGetValue(key, out var request))
            {
                request = new Request();
                requests.Add(key, request);
                order.Add(request);
            }

            request.Row ??= record.Row;
            request.Prompt ??= record.Prompt;
            switch (record.Type)
            {
                case JournalRecordTypes.Pending:
                    request.Status = JournalRowStatus.OutcomeUnknown;
                    break;
                case JournalRecordTypes.Created:
                    request.Status = JournalRowStatus.Created;
                    request.TaskId = record.TaskId;
                    break;
                case JournalRecordTypes.Rejected:
                    request.Status = JournalRowStatus.New;
                    request.Error = record.Error;
                    break;
            }
        }

        var failures = new List<GalleryFailure>();
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in order)
        {
            if (request.TaskId is string taskId && request.Row is int row)
            {
                rows[taskId] = row;
            }

            if (Failure(request, finished) is { } failure)
            {
                failures.Add(failure);
            }
        }

        failures.Sort((a, b) => (a.Row ?? int.MaxValue).CompareTo(b.Row ?? int.MaxValue));
        JournalSummary summary = BatchJournal.Summarize(path);
        return new GalleryBatch(summary.Rows, summary.Succeeded, failures, rows, creditsMeasured: true, summary.CreditsSpent);
    }

    private static GalleryFailure? Failure(Request request, Dictionary<string, JournalRecord> finished)
    {
        switch (request.Status)
        {
            case JournalRowStatus.OutcomeUnknown:
                return new GalleryFailure(request.Row, request.Prompt, null, GalleryFailureKind.Unknown,
                    "Sent, but no answer was recorded: a task may exist. Run the batch again with the same journal to find out.");
            case JournalRowStatus.New:
                return new GalleryFailure(request.Row, request.Prompt, null, GalleryFailureKind.Refused,
                    string.IsNullOrEmpty(request.Error) ? "The service refused the request; no task was created." : request.Error!);
            case JournalRowStatus.Created when request.TaskId is string taskId
                && finished.TryGetValue(taskId, out var end) && end.State != JournalStates.Success:
                return new GalleryFailure(request.Row, request.Prompt, taskId, GalleryFailureKind.Failed,
                    string.IsNullOrEmpty(end.Error) ? "The task failed; the service gave no reason." : end.Error!);
            default:
                return null;
        }
    }

    private sealed class Request
    {
        public int? Row { get; set; }

        public string? Prompt { get; set; }

        public JournalRowStatus Status { get; set; }

        public string? TaskId { get; set; }

        public string? Error { get; set; }
    }
}
