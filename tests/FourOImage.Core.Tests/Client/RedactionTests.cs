using System;
using Xunit;

namespace FourOImage.Core.Tests.Client;

public class RedactionTests
{
    [Theory]
    [InlineData("could not connect to http://me:pw@host:1 (refused)", "could not connect to http://****@host:1 (refused)")]
    [InlineData("{\"callBackUrl\":\"https:\\/\\/me:pw@hooks.example\\/x\"}", "{\"callBackUrl\":\"https:\\/\\/****@hooks.example\\/x\"}")]
    [InlineData("mail me@example.com or see https://example.com/a@b", "mail me@example.com or see https://example.com/a@b")]
    public void User_info_in_any_url_of_a_text_is_masked(string text, string expected) =>
        Assert.Equal(expected, Redaction.MaskUserInfo(text));

    [Fact]
    public void A_url_keeps_everything_but_its_user_info()
    {
        var masked = Redaction.MaskUserInfo(new Uri("https://me:pw@api.example:8443/base/"));
        Assert.Equal("https://****@api.example:8443/base/", masked.AbsoluteUri);
        Assert.Same(ClientOptions.DefaultBaseUrl, Redaction.MaskUserInfo(ClientOptions.DefaultBaseUrl));
    }
}
