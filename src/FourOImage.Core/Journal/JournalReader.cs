using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace FourOImage.Core.Journal;

/// <summary>Reads a journal while another process may still be appending to it.</summary>
internal static class JournalReader
{
    /// <summary>
    /// Returns every well-formed record in file order. A line that does not parse (a torn write from a run that was
    /// killed midway) is skipped and counted in <paramref name="unreadableLines"/>.
    /// </summary>
    public static List<JournalRecord> Read(string path, out int unreadableLines)
    {
        var records = new List<JournalRecord>();
        unreadableLines = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var record = TryParse(line);
            if (record == null)
            {
                unreadableLines++;
            }
            else
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static JournalRecord? TryParse(string line)
    {
        try
        {
            var record = JsonSerializer.Deserialize(line, JournalJsonContext.Readable.JournalRecord);
            return record == null || record.Type.Length == 0 ? null : record;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
