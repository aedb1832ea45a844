using System;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// The least a run can take, the one place it is computed, from the emulator's settings as a run used them: the
/// slowest task's generation time plus all bytes written at the image host's link bandwidth (every task can be created
/// at once, and the link is shared by every download).
/// </summary>
internal sealed record Ideal(TimeSpan SlowestTask, long? LinkBytesPerSecond)
{
    public static Ideal For(EmulatorOptions emulator) =>
        new(emulator.FixedGenerationTime ?? emulator.MaxGenerationTime, emulator.ImageBytesPerSecond);

    public double Seconds(long bytesWritten) => SlowestTask.TotalSeconds + LinkSeconds(bytesWritten);

    /// <summary>All bytes at the link's bandwidth: the least the transfer can take (0 for an unlimited link).</summary>
    public double LinkSeconds(long bytesWritten) => LinkBytesPerSecond is { } rate ? bytesWritten / (double)rate : 0;
}
