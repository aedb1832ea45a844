using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Core.Tests.Client;

/// <summary>The one retry policy the transport, generate and the downloader share, on a clock moved by hand.</summary>
public sealed class RetryPolicyTests
{
    private static readonly RetryOptions Options = new(
        maxAttempts: 4, maxTotalTime: TimeSpan.FromSeconds(10), baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(3));

    [Fact]
    public async Task Attempts_back_off_with_jitter_up_to_the_cap_and_stop_at_the_limit()
    {
        var clock = new ManualClock { AutoAdvance = true };
        var retry = new RetryPolicy(Options, clock);
        var delays = new TimeSpan[3];

        for (var i = 0; i < 3; i++)
        {
            Assert.True(retry.Failed());
            delays[i] = retry.Delay(backoff: true) ?? throw new InvalidOperationException("no retry left");
            await retry.WaitAsync(delays[i], CancellationToken.None);
        }

        Assert.False(retry.Failed()); // the fourth attempt was the last
        Assert.Equal(4, retry.Failures);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3)); // 4 s capped at 3
        Assert.Equal(delays, clock.Delays);
        Assert.Equal(delays[0] + delays[1] + delays[2], retry.Elapsed);
    }

    [Fact]
    public void Maintenance_starts_four_times_slower_and_a_longer_retry_after_wins()
    {
        var retry = new RetryPolicy(Options, new ManualClock());
        retry.Failed();

        Assert.InRange(retry.Delay(backoff: true, maintenance: true)!.Value, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay(backoff: true, retryAfter: TimeSpan.FromSeconds(7)));
        Assert.InRange(retry.Delay(backoff: true, retryAfter: TimeSpan.FromMilliseconds(1))!.Value, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void No_retry_starts_past_the_total_time()
    {
        var clock = new ManualClock();
        var retry = new RetryPolicy(Options, clock);
        retry.Failed();

        Assert.Null(retry.Delay(backoff: true, retryAfter: TimeSpan.FromSeconds(11))); // asked to wait past the budget: give up now
        clock.Advance(TimeSpan.FromSeconds(9.5));
        Assert.Null(retry.Delay(backoff: true)); // at least 0.5 s more would end past 10 s
        Assert.Equal(TimeSpan.Zero, retry.Delay(backoff: false)); // a next attempt another way starts at once, still inside
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(retry.Delay(backoff: false));
    }

    [Fact]
    public async Task Waiting_ends_at_once_on_cancellation()
    {
        var retry = new RetryPolicy(Options, new ManualClock());
        retry.Failed();
        using var cancel = new CancellationTokenSource();

        var wait = retry.WaitAsync(TimeSpan.FromSeconds(1), cancel.Token);
        Assert.False(wait.IsCompleted);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
