using System;
using System.Collections.Generic;

namespace FourOImage.Core.Journal;

/// <summary>What a sequence of journal records adds up to. Later records about the same request win.</summary>
internal sealed class JournalState
{
    private readonly Dictionary<string, JournalEntry> requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> finishedStates = new(StringComparer.Ordinal);
    private readonly HashSet<string> savedFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> runStartCredits = new(StringComparer.Ordinal);
    private decimal creditsSpent;
    private bool anyCreditsMeasured;
    private int runs;

    public void Apply(JournalRecord record)
    {
        switch (record.Type)
        {
            case JournalRecordTypes.RunStart:
                runs++;
                if (record.Module != null)
                {
                    modules.Add(record.Module);
                }

                if (record.Run != null && record.Credits is decimal start)
                {
                    runStartCredits[record.Run] = start;
                }

                break;
            case JournalRecordTypes.RunEnd:
                if (record.Run != null && record.Credits is decimal end && runStartCredits.TryGetValue(record.Run, out var begin))
                {
                    creditsSpent += begin - end;
                    anyCreditsMeasured = true;
                }

                break;
            case JournalRecordTypes.Pending when Key(record) is string key:
                requests[key] = new JournalEntry(JournalRowStatus.OutcomeUnknown, null, record.Row, record.Prompt);
                break;
            case JournalRecordTypes.Created when Key(record) is string key && record.TaskId != null:
                requests.TryGetValue(key, out var pending);
                requests[key] = new JournalEntry(JournalRowStatus.Created, record.TaskId, pending?.Row ?? record.Row, pending?.Prompt ?? record.Prompt);
                break;
            case JournalRecordTypes.Rejected when Key(record) is string key:
                requests.TryGetValue(key, out var refused);
                requests[key] = new JournalEntry(JournalRowStatus.New, null, refused?.Row ?? record.Row, refused?.Prompt ?? record.Prompt);
                break;
            case JournalRecordTypes.Finished when record.TaskId != null && record.State != null:
                finishedStates[record.TaskId] = record.State;
                break;
            case JournalRecordTypes.Saved when record.TaskId != null && record.Index is int index:
                savedFiles.Add(record.TaskId + "/" + index);
                break;
        }
    }

    public JournalEntry? Find(string request, int occurrence) =>
        requests.TryGetValue(KeyOf(request, occurrence), out var entry) ? entry : null;

    public bool IsSaved(string taskId, int index) => savedFiles.Contains(taskId + "/" + index);

    public JournalSummary Summarize(string path, int unreadableLines)
    {
        int created = 0, pending = 0, succeeded = 0, failed = 0;
        foreach (var entry in requests.Values)
        {
            if (entry.Status == JournalRowStatus.OutcomeUnknown)
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
            succeeded: succeeded,
            failed: failed,
            saved: savedFiles.Count,
            creditsSpent: anyCreditsMeasured ? creditsSpent : null,
            runs: runs,
            modules: new List<string>(modules),
            unreadableLines: unreadableLines);
    }

    private static string? Key(JournalRecord record) =>
        record.Request != null && record.Occurrence is int occurrence ? KeyOf(record.Request, occurrence) : null;

    private static string KeyOf(string request, int occurrence) => request + "#" + occurrence;
}
