using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>Get-4oCredit's and Connect-4oImage's work against the emulator.</summary>
public sealed class CreditAndConnectionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public CreditAndConnectionTests(EmulatorFixture emulator) => _emulator = emulator;

    [Fact]
    public async Task The_balance_is_the_accounts_fractional_credits_from_the_configured_endpoint()
    {
        _emulator.Server.SetCredits(_emulator.Server.ApiKey, 5916.25m);
        CreditBalance balance = await CreditQuery.GetAsync(_emulator.Client(), CancellationToken.None);
        Assert.Equal(5916.25m, balance.Balance);
        Assert.Equal(_emulator.Server.ApiBaseUrl, balance.Endpoint);
    }

    [Fact]
    public void No_key_anywhere_is_an_authentication_error_naming_all_three_ways_to_give_one()
    {
        var missing = Assert.ThrowsAny<FourOImageException>(() => ClientConfiguration.Resolve(null, null, null, session: null, environment: _ => null));
        PipelineError error = PipelineErrors.FromException(missing, PipelineErrors.Areas.Credit, null);
        Assert.Equal("FourOImage.Credit.MissingApiKey", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.AuthenticationError, error.Category);
        Assert.Contains("-ApiKey", error.Exception.Message);
        Assert.Contains("Connect-4oImage", error.Exception.Message);
        Assert.Contains("FOUROIMAGE_API_KEY", error.Exception.Message);
    }

    [Fact]
    public async Task Connecting_checks_the_key_and_only_a_good_key_becomes_the_sessions()
    {
        ClientOptions good = new ClientOptions().WithBaseUrl(_emulator.Server.ApiBaseUrl).WithApiKey(ApiKey.FromString(_emulator.Server.ApiKey));
        ClientOptions bad = good.WithApiKey(ApiKey.FromString("emu_not_a_key"));
        object owner = new();
        try
        {
            var error = await Assert.ThrowsAsync<FourOImageApiException>(() => Connection.ConnectAsync(owner, bad, ConnectionScope.Runspace, checkKey: true, CancellationToken.None));
            Assert.Equal("FourOImage.Connect.Unauthorized", PipelineErrors.FromException(error, PipelineErrors.Areas.Connect, null).ErrorId);
            Assert.Null(SessionConnections.For(owner));

            CreditBalance? balance = await Connection.ConnectAsync(owner, good, ConnectionScope.Runspace, checkKey: true, CancellationToken.None);
            Assert.NotNull(balance);
            Assert.Same(good, SessionConnections.For(owner));

            Assert.Null(await Connection.ConnectAsync(owner, bad, ConnectionScope.Runspace, checkKey: false, CancellationToken.None));
            Assert.Same(bad, SessionConnections.For(owner));
        }
        finally
        {
            SessionConnections.Disconnect(owner);
        }
    }
}
