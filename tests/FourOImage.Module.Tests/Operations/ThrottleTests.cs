using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>The bound every throttled operation (creates, reads, downloads) relies on.</summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task Submit_never_blocks_and_no_more_than_the_limit_run_at_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink();
        var probe = new Probe(sink, throttleLimit: 3, release.Task);

        for (int i = 0; i < 20; i++)
        {
            probe.Submit(i);
        }

        // All 20 were taken while none could finish: submitting does not wait for work.
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref probe.Running) == 3));
        release.SetResult();
        await probe.CompleteAsync();

        Assert.Equal(20, probe.Done);
        Assert.Equal(3, probe.MaxRunning);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task A_failing_item_is_reported_as_an_error_about_that_item_and_the_rest_complete()
    {
        var sink = new RecordingSink();
        var probe = new Probe(sink, throttleLimit: 2, Task.CompletedTask) { FailOn = 4 };
        for (int i = 0; i < 8; i++)
        {
            probe.Submit(i);
        }

        await probe.CompleteAsync();

        Assert.Equal(7, probe.Done);
        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Probe.Failed", error.ErrorId);
        Assert.Equal(4, error.TargetObject);
    }

    private sealed class Probe : ThrottledOperation
    {
        public int Running;
        public int MaxRunning;
        public int Done;
        private readonly Task _release;

        public Probe(IPipelineSink sink, int throttleLimit, Task release)
            : base(sink, throttleLimit, CancellationToken.None) => _release = release;

        public int FailOn { get; init; } = -1;

        public void Submit(int item) => Start("Probe", item, () => ThrottledAsync(async () =>
        {
            int now = Interlocked.Increment(ref Running);
            int seen;
            while ((seen = Volatile.Read(ref MaxRunning)) < now && Interlocked.CompareExchange(ref MaxRunning, now, seen) != seen)
            {
            }

            await _release;
            Interlocked.Decrement(ref Running);
            if (item == FailOn)
            {
                throw new System.InvalidOperationException("item " + item + " failed");
            }

            Interlocked.Increment(ref Done);
        }));
    }
}
