using System;
using FourOImage.Emulator.Images;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class ImageHostLinkTests
{
    private TimeSpan _now = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_chunk_on_an_idle_link_waits_for_its_own_transfer_time()
    {
        var link = new ImageHostLink(1000, () => _now);
        Assert.Equal(TimeSpan.FromSeconds(0.5), link.Reserve(500));
    }

    [Fact]
    public void Concurrent_chunks_queue_behind_each_other_so_the_link_is_shared()
    {
        var link = new ImageHostLink(1000, () => _now);
        Assert.Equal(TimeSpan.FromSeconds(1), link.Reserve(1000));
        Assert.Equal(TimeSpan.FromSeconds(2), link.Reserve(1000));
        _now += TimeSpan.FromSeconds(0.5);
        Assert.Equal(TimeSpan.FromSeconds(2), link.Reserve(500));
    }

    [Fact]
    public void Idle_time_is_not_saved_up_for_later()
    {
        var link = new ImageHostLink(1000, () => _now);
        link.Reserve(1000);
        _now += TimeSpan.FromSeconds(60);
        Assert.Equal(TimeSpan.FromSeconds(1), link.Reserve(1000));
    }

    [Fact]
    public void The_bandwidth_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageHostLink(0));
    }
}
