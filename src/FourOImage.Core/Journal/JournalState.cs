using System;
using System.Collections.Generic;

namespace FourOImage.Core.Journal;

/// <summary>What a sequence of journal records adds up to. Later records about the same request win.</summary>
internal sealed class JournalState
{
    private readonly Dictionary<string, JournalEntry> requests = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> keysByRow = new();
    private readonly Dictionary<string, string> finishedStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> savedFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> modules = new(StringComparer.Ordinal);
    private readonly List<RunCredits> runCredits = new();
    private readonly Dictionary<string, RunCredits> runsById = new(StringComparer.Ordinal);

    public void Apply(JournalRecord record)
    {
        switch (record.Type)
        {
            case JournalRecordTypes.RunStart:
                if (record.Module != null)
                {
                    modules.Add(record.Module);
                }

                var run = new RunCredits { Start = record.Credits };
                runCredits.Add(run);
                if (record.Run != null)
                {
                    runsById[record.Run] = run;
                }

                break;
            case JournalRecordTypes.RunEnd:
                if (record.Run != null && runsById.TryGetValue(record.Run, out var ended))
                {
                    ended.End = record.Credits;
                }

                break;
            case JournalRecordTypes.Queued when Key(record) is string key && !requests.ContainsKey(key):
                requests[key] = new JournalEntry(JournalRowStatus.New, null, record.Row, record.Prompt, record.Shape);
                break;
            case JournalRecordTypes.Pending when Key(record) is string key:
                requests[key] = new JournalEntry(JournalRowStatus.OutcomeUnknown, null, record.Row, record.Prompt, record.Shape);
                IndexRow(record.Row, key);
                break;
            case JournalRecordTypes.Created when Key(record) is string key && record.TaskId != null:
                requests.TryGetValue(key, out var pending);
                requests[key] = new JournalEntry(JournalRowStatus.Created, record.TaskId, pending?.Row ?? record.Row, pending?.Prompt ?? record.Prompt, pending?.Shape)
                {
                    CreatedAt = record.Time,
                };
                break;
            case JournalRecordTypes.Rejected when Key(record) is string key:
                requests.TryGetValue(key, out var refused);
                requests[key] = new JournalEntry(JournalRowStatus.New, null, refused?.Row ?? record.Row, refused?.Prompt ?? record.Prompt, refused?.Shape);
                break;
            case JournalRecordTypes.Finished when record.TaskId != null && record.State != null:
                finishedStates[record.TaskId] = record.State;
                if (record.State == JournalStates.Failed)
                {
                    failures[record.TaskId] = record.Error ?? string.Empty;
                }
                else
                {
                    failures.Remove(record.TaskId);
                }

                break;
            case JournalRecordTypes.Saved when record.TaskId != null && record.Index is int index:
                savedFiles.Add(record.TaskId + "/" + index);
                break;
        }
    }

    public JournalEntry? Find(string request, int occurrence) =>
        requests.TryGetValue(KeyOf(request, occurrence), out var entry) ? entry : null;

    /// <summary>Every request sent from input row <paramref name="row"/> by any run, oldest first.</summary>
    public List<JournalEntry> AtRow(int row)
    {
        var entries = new List<JournalEntry>();
        if (keysByRow.TryGetValue(row, out var keys))
        {
            foreach (var key in keys)
            {
                entries.Add(requests[key]);
            }
        }

        return entries;
    }

    public bool IsFinishedRecorded(string taskId, string state) =>
        finishedStates.TryGetValue(taskId, out var known) && known == state;

    /// <summary>Why the task failed ("" when the service gave no reason), or null when it is not recorded as failed.</summary>
    public string? FailureOf(string taskId) => failures.TryGetValue(taskId, out var error) ? error : null;

    public bool IsSaved(string taskId, int index) => savedFiles.Contains(taskId + "/" + index);

    public JournalSummary Summarize(string path, int unreadableLines)
    {
        int created = 0, pending = 0, succeeded = 0, failed = 0, notSent = 0;
        foreach (var entry in requests.Values)
        {
            if (entry.Status == JournalRowStatus.New)
            {
                notSent++;
            }
            else if (entry.Status == JournalRowStatus.OutcomeUnknown)
            {
                pending++;
            }
            else if (entry.Status == JournalRowStatus.Created && entry.TaskId != null)
            {
                created++;
                if (finishedStates.TryGetValue(entry.TaskId, out var state))
                {
                    if (state == JournalStates.Success)
                    {
                        succeeded++;
                    }
                    else
                    {
                        failed++;
                    }
                }
            }
        }

        return new JournalSummary(
            path,
            rows: requests.Count,
            created: created,
            pending: pending,
            notSent: notSent,
            succeeded: succeeded,
            failed: failed,
            saved: savedFiles.Count,
            creditsSpent: CreditsSpent(),
            runs: runCredits.Count,
            modules: new List<string>(modules),
            unreadableLines: unreadableLines);
    }

    /// <summary>
    /// The fall of the balance over each run: from its start to its end, or, for a run that was stopped before it could
    /// read the balance at its end, to the start of the run that resumed it (whatever else used the same account in
    /// between counts too). Null when no run could be measured.
    /// </summary>
    private decimal? CreditsSpent()
    {
        decimal? spent = null;
        for (int i = 0; i < runCredits.Count; i++)
        {
            var end = runCredits[i].End ?? (i + 1 < runCredits.Count ? runCredits[i + 1].Start : null);
            if (runCredits[i].Start is decimal start && end is decimal stop)
            {
                spent = (spent ?? 0m) + (start - stop);
            }
        }

        return spent;
    }

    private void IndexRow(int? row, string key)
    {
        if (row is not int number)
        {
            return;
        }

        if (!keysByRow.TryGetValue(number, out var keys))
        {
            keysByRow[number] = keys = new List<string>();
        }

        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }

    private static string? Key(JournalRecord record) =>
        record.Request != null && record.Occurrence is int occurrence ? KeyOf(record.Request, occurrence) : null;

    private static string KeyOf(string request, int occurrence) => request + "#" + occurrence;

    private sealed class RunCredits
    {
        public decimal? Start { get; set; }

        public decimal? End { get; set; }
    }
}
