using System;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Client;

public class ServiceTimeTests
{
    [Theory]
    [InlineData("1774788500000", 1774788500000L)]
    [InlineData("1774788500", 1774788500000L)]
    [InlineData("2026-03-29 20:48:20", 1774788500000L)]
    [InlineData("2026-03-29T12:48:20.000Z", 1774788500000L)]
    public void Every_documented_form_gives_the_same_instant(string text, long expectedMilliseconds)
    {
        var parsed = ServiceTime.Parse(text);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMilliseconds), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Unreadable_times_are_null(string? text)
    {
        Assert.Null(ServiceTime.Parse(text));
    }
}
