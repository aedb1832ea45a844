using System;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// The least a run can take, the one place it is computed, from the emulator's settings as a run used them. Rows are
/// submitted as the service's submission window allows: row k (from 1) no earlier than floor((k-1)/L) x W, L new tasks
/// per window of W (with the window off, all at once). Every task takes the slowest task's time, and the image host's
/// link is shared by every download. So the run ends no earlier than, for every batch j of L rows, its submission time
/// + the slowest task + the bytes of that batch and every later one at the link's bandwidth (the bytes of earlier
/// batches may have gone before); the ideal is the largest of these. Bytes are spread evenly over the rows.
/// </summary>
internal sealed record Ideal(TimeSpan SlowestTask, long? LinkBytesPerSecond, int SubmissionLimit, TimeSpan SubmissionWindow)
{
    public static Ideal For(EmulatorOptions emulator) =>
        new(emulator.FixedGenerationTime ?? emulator.MaxGenerationTime, emulator.ImageBytesPerSecond,
            emulator.SubmissionLimit, emulator.SubmissionWindowLength);

    public bool WindowOn => SubmissionLimit > 0;

    public double Seconds(int rows, long bytesWritten)
    {
        var best = SlowestTask.TotalSeconds + LinkSeconds(bytesWritten);
        if (!WindowOn || rows <= SubmissionLimit)
        {
            return best;
        }

        var bytesPerRow = bytesWritten / (double)rows;
        for (var batch = 1; batch * SubmissionLimit < rows; batch++)
        {
            var rowsFromHere = rows - (batch * SubmissionLimit);
            var end = (batch * SubmissionWindow.TotalSeconds) + SlowestTask.TotalSeconds + LinkSeconds((long)(bytesPerRow * rowsFromHere));
            best = Math.Max(best, end);
        }

        return best;
    }

    /// <summary>The earliest the last of <paramref name="rows"/> rows can be submitted: floor((rows-1)/L) x W (0 with the window off).</summary>
    public double LastSubmissionSeconds(int rows) =>
        WindowOn && rows > 0 ? ((rows - 1) / SubmissionLimit) * SubmissionWindow.TotalSeconds : 0;

    /// <summary>All bytes at the link's bandwidth: the least the transfer can take (0 for an unlimited link).</summary>
    public double LinkSeconds(long bytesWritten) => LinkBytesPerSecond is { } rate ? bytesWritten / (double)rate : 0;
}
