using System;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>An operation that runs at most ThrottleLimit records at a time (-ThrottleLimit, default 8).</summary>
public abstract class ThrottledOperation : PipelineOperation
{
    public const int DefaultThrottleLimit = 8;

    private readonly SemaphoreSlim _slots;

    protected ThrottledOperation(IPipelineSink sink, int throttleLimit, CancellationToken cancellationToken)
        : base(sink, cancellationToken)
    {
        if (throttleLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "ThrottleLimit must be at least 1.");
        }

        ThrottleLimit = throttleLimit;
        _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
    }

    public int ThrottleLimit { get; }

    /// <summary>Waits for a free slot, then runs <paramref name="work"/>; the slot is freed when it ends.</summary>
    protected async Task ThrottledAsync(Func<Task> work)
    {
        await _slots.WaitAsync(Cancellation).ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
