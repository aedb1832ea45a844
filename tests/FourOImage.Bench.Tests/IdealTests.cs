using System;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Bench.Tests;

/// <summary>The bench's yardstick: the least a run can take, with and without the submission window.</summary>
public class IdealTests
{
    private const long Link = 12_500_000; // 100 Mbit/s

    [Fact]
    public void WithoutTheWindowEveryTaskStartsAtOnce()
    {
        var ideal = Ideal.For(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromSeconds(5), ImageBytesPerSecond = Link, SubmissionLimit = 0 });

        Assert.False(ideal.WindowOn);
        Assert.Equal(5 + 5.0, ideal.Seconds(100, 62_500_000), 6);
        Assert.Equal(0, ideal.LastSubmissionSeconds(1000));
    }

    [Fact]
    public void RowsPastTheWindowWaitForTheirBatch()
    {
        var ideal = Ideal.For(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromSeconds(5), ImageBytesPerSecond = Link });

        Assert.True(ideal.WindowOn);
        Assert.Equal(SubmissionWindow.DefaultLimit, ideal.SubmissionLimit);

        // Row 21 is the first of the second window; row 100 the last of the fifth.
        Assert.Equal(0, ideal.LastSubmissionSeconds(20));
        Assert.Equal(10, ideal.LastSubmissionSeconds(21));
        Assert.Equal(40, ideal.LastSubmissionSeconds(100));
        Assert.Equal(490, ideal.LastSubmissionSeconds(1000));

        // 100 rows of 125 kB: the last batch (20 rows, 2.5 MB = 0.2 s of link) is submitted at 40 s and takes 5 s.
        Assert.Equal(40 + 5 + 0.2, ideal.Seconds(100, 12_500_000), 6);

        // No more rows than the window holds: as without it.
        Assert.Equal(5 + 1.0, ideal.Seconds(20, Link), 6);
    }

    [Fact]
    public void ASlowLinkMakesAnEarlierBatchTheBound()
    {
        // 40 rows of 12.5 MB (1 s of link each): the first batch's task ends at 5 s, and every byte is still to go
        // (40 s of link); the second batch, from 15 s, has only 20 s of bytes.
        var ideal = Ideal.For(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromSeconds(5), ImageBytesPerSecond = Link });

        Assert.Equal(5 + 40.0, ideal.Seconds(40, 40 * Link), 6);
    }

    [Fact]
    public void TheSlowestTaskBoundsSpreadTaskTimesAndAnyWindowCounts()
    {
        var ideal = Ideal.For(new EmulatorOptions
        {
            MinGenerationTime = TimeSpan.FromSeconds(2),
            MaxGenerationTime = TimeSpan.FromSeconds(14),
            ImageBytesPerSecond = Link,
            SubmissionLimit = 50,
            SubmissionWindowLength = TimeSpan.FromSeconds(5),
        });

        Assert.Equal(TimeSpan.FromSeconds(14), ideal.SlowestTask);
        Assert.Equal(15, ideal.LastSubmissionSeconds(200));
        Assert.Equal(15 + 14 + 1.0, ideal.Seconds(200, 4 * Link), 6);
    }
}
