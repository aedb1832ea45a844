using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace FourOImage.Bench;

/// <summary>The results as a plain-text table (and one line per run while measuring).</summary>
internal static class ConsoleTable
{
    private static readonly string[] Header =
    {
        "run", "N", "images", "wall s", "ideal s", "wall/ideal", "gen/task", "polls/task", "dl-url/task", "img req/task",
        "429s", "base WS MB", "peak WS MB", "alloc MB", "heap kept MB", "written MB", "rows lost", "images lost", "errors",
    };

    public static string Line(RunResult r) =>
        string.Join("  ", Header.Zip(Cells(r), (h, c) => $"{h}={c}")) +
        $"  | last generate at {Format.Seconds(r.LastGenerateAt)} s, first image at {Format.Seconds(r.FirstImageAt)} s, last image request at {Format.Seconds(r.LastImageAt)} s, seen to saving {Format.Seconds(r.SaveDelays.Mean)} s mean / {Format.Seconds(r.SaveDelays.Max)} s max";

    public static string Render(IReadOnlyList<RunResult> results)
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(results.OrderBy(r => r.N).ThenBy(r => r.Run).Select(Cells));
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(row => row[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadLeft(widths[i]))));
        }

        if (results.Any(r => r.Extrapolated))
        {
            text.AppendLine("* extrapolated from the largest measured N of the same run (per-row cost x N); memory not measured.");
        }

        return text.ToString();
    }

    public static string[] Cells(RunResult r) => new[]
    {
        r.Run + (r.Extrapolated ? "*" : string.Empty) + (r.TimedOut ? " (timed out)" : string.Empty),
        Format.Int(r.N),
        Format.Int(r.ExpectedImages),
        Format.Seconds(r.WallSeconds),
        Format.Seconds(r.IdealSeconds),
        r.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
        Format.PerTask(r.PerTask("generate")),
        Format.PerTask(r.PerTask("record-info")),
        Format.PerTask(r.PerTask("download-url")),
        Format.PerTask(r.PerTask("image")),
        r.Extrapolated ? "-" : Format.Int(r.Rejected),
        Format.Megabytes(r.BaselineWorkingSet),
        Format.Megabytes(r.PeakWorkingSet),
        Format.Megabytes(r.AllocatedBytes),
        r.Extrapolated ? "-" : Format.Megabytes(r.HeapKept, always: true),
        Format.Megabytes(r.BytesWritten, always: true),
        r.Extrapolated ? "-" : Format.Int(r.RowsLost),
        r.Extrapolated ? "-" : Format.Int(r.Lost),
        r.Extrapolated ? "-" : Format.Int(r.Errors),
    };
}
