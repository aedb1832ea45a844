using System.Collections.Generic;
using FourOImage.Core.Text;

namespace FourOImage.Core.Journal;

/// <summary>
/// A journal entry for the same input row as a request the journal has never seen, with the same settings and the
/// same ASCII text but another prompt: most likely the same CSV row read in another text encoding (a batch started
/// in PowerShell 7 and resumed in Windows PowerShell 5.1 with a UTF-8 file without a byte order mark, or the reverse).
/// </summary>
public sealed class ReencodedRow
{
    private ReencodedRow(JournalEntry entry, bool proven)
    {
        Entry = entry;
        Proven = proven;
    }

    public JournalEntry Entry { get; }

    /// <summary>Undoing the mis-reading of one prompt gives the other: certainly the same row.</summary>
    public bool Proven { get; }

    /// <summary>The newest such entry at <paramref name="row"/>, a proven one first; null when there is none.</summary>
    public static ReencodedRow? Find(BatchJournal journal, int row, string shape, string? prompt)
    {
        var candidates = new List<JournalEntry>();
        string plain = RequestIdentity.NormalizePrompt(prompt);
        foreach (JournalEntry entry in journal.AtRow(row))
        {
            // The very same text is another occurrence of the same prompt, not another encoding of it.
            if (entry.Shape == shape && RequestIdentity.NormalizePrompt(entry.Prompt) != plain)
            {
                candidates.Insert(0, entry);
            }
        }

        foreach (JournalEntry entry in candidates)
        {
            if (Mojibake.SameText(entry.Prompt, prompt, RequestIdentity.NormalizePrompt))
            {
                return new ReencodedRow(entry, proven: true);
            }
        }

        return candidates.Count == 0 ? null : new ReencodedRow(candidates[0], proven: false);
    }
}
