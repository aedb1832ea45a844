using System;
using FourOImage.Core.Submission;
using Xunit;

namespace FourOImage.Core.Tests.Submission;

/// <summary>When waiting rows can be sent, from the calls that count, the pause and the limit: row k takes the k-th slot that frees.</summary>
public sealed class SubmissionForecastTests
{
    private static readonly DateTime Now = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static DateTime At(double seconds) => Now + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Rows_take_the_slots_as_the_counted_calls_free_them_and_each_row_sent_counts_a_window_from_then()
    {
        // Two calls answered 3 s ago: both slots free at +7 s. Five rows: two at +7, two at +17, one at +27.
        var forecast = SubmissionForecast.Compute(new[] { (At(-3), false), (At(-3), false) }, DateTime.MinValue, 2, Window, 5, Now);

        Assert.Equal(At(7), forecast.NextSlotAt);
        Assert.Equal(At(27), forecast.LastRowAt);
    }

    [Fact]
    public void A_free_slot_is_taken_now_and_the_rest_wait_for_the_oldest_call()
    {
        // Limit 3, two calls counted (answered 1 s and 4 s ago): one row now, the next when the older call frees (+6 s).
        var forecast = SubmissionForecast.Compute(new[] { (At(-1), false), (At(-4), false) }, DateTime.MinValue, 3, Window, 3, Now);

        Assert.Equal(Now, forecast.NextSlotAt);
        Assert.Equal(At(9), forecast.LastRowAt);
    }

    [Fact]
    public void A_call_still_out_counts_as_answered_now_the_earliest_it_can_be()
    {
        var forecast = SubmissionForecast.Compute(new[] { (At(-2), true) }, DateTime.MinValue, 1, Window, 2, Now);

        Assert.Equal(At(10), forecast.NextSlotAt);
        Assert.Equal(At(20), forecast.LastRowAt);
    }

    [Fact]
    public void A_pause_holds_every_row_until_it_ends_and_the_window_still_counts_after_it()
    {
        // Paused for 5 s with one slot of two taken (answered now): one row at +5, the next when that call frees (+10).
        var forecast = SubmissionForecast.Compute(new[] { (Now, false) }, At(5), 2, Window, 2, Now);

        Assert.Equal(At(5), forecast.NextSlotAt);
        Assert.Equal(At(10), forecast.LastRowAt);
    }

    [Fact]
    public void Without_a_limit_every_row_goes_now()
    {
        var forecast = SubmissionForecast.Compute(new[] { (Now, false), (Now, true) }, DateTime.MinValue, 0, Window, 100, Now);

        Assert.Equal(Now, forecast.NextSlotAt);
        Assert.Equal(Now, forecast.LastRowAt);
    }
}
