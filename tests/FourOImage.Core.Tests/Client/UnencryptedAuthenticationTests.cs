using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Tests.Stubs;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace FourOImage.Core.Tests.Client;

/// <summary>The key never crosses the network in clear text: plain http:// to another machine is refused before any request.</summary>
public class UnencryptedAuthenticationTests
{
    private static readonly ApiKey Key = ApiKey.FromString("sk-test-unencrypted");

    private static Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    [Theory]
    [InlineData("http://api.kie.ai/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://[2001:db8::1]/")]
    [InlineData("http://localhost.example.com/")]
    public void A_plain_http_base_url_to_another_machine_is_refused_and_the_error_says_how(string url)
    {
        var error = Assert.Throws<UnencryptedAuthenticationException>(() => ClientConfiguration.Resolve(Key, new Uri(url), null, null, Env()));

        Assert.Equal("BaseUrl", error.Setting);
        Assert.Contains("-AllowUnencryptedAuthentication", error.Message);
        Assert.Contains("https://", error.Message);
        Assert.Contains("nothing was sent", error.Message);
        var record = PipelineErrors.FromException(error, PipelineErrors.Areas.Connect, null);
        Assert.Equal("FourOImage.Connect.UnencryptedAuthentication", record.ErrorId);
        Assert.Contains("-AllowUnencryptedAuthentication", record.RecommendedAction);
    }

    [Fact]
    public void The_upload_url_the_environment_and_a_session_are_checked_too()
    {
        var upload = Assert.Throws<UnencryptedAuthenticationException>(() =>
            ClientConfiguration.Resolve(Key, null, new Uri("http://kieai.redpandaai.co/"), null, Env()));
        Assert.Equal("UploadBaseUrl", upload.Setting);

        var fromEnvironment = Assert.Throws<UnencryptedAuthenticationException>(() =>
            ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "k"), ("FOUROIMAGE_BASE_URL", "http://api.kie.ai"))));
        Assert.Equal("FOUROIMAGE_BASE_URL", fromEnvironment.Setting);
        var uploadFromEnvironment = Assert.Throws<UnencryptedAuthenticationException>(() =>
            ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "k"), ("FOUROIMAGE_UPLOAD_BASE_URL", "http://up.example"))));
        Assert.Equal("FOUROIMAGE_UPLOAD_BASE_URL", uploadFromEnvironment.Setting);

        // A session made without the opt-in cannot exist (Connect-4oImage resolves the same way); one made with it carries it.
        var allowed = ClientConfiguration.Resolve(Key, new Uri("http://gateway.internal/"), null, null, Env(), allowUnencryptedAuthentication: true);
        Assert.True(allowed.AllowUnencryptedAuthentication);
        Assert.Equal(new Uri("http://gateway.internal/"), ClientConfiguration.Resolve(null, null, null, allowed, Env()).BaseUrl);
        var sessionWithout = new ClientOptions().WithApiKey(Key).WithBaseUrl(new Uri("http://gateway.internal/"));
        Assert.Throws<UnencryptedAuthenticationException>(() => ClientConfiguration.Resolve(null, null, null, sessionWithout, Env()));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.8.9.10/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://emulator.localhost/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://api.kie.ai/")]
    public void Https_and_this_machine_need_no_opt_in(string url)
    {
        var options = ClientConfiguration.Resolve(Key, new Uri(url), new Uri(url), null, Env());
        Assert.NotNull(FourOImageClient.Create(options));
    }

    [Fact]
    public void A_client_for_a_plain_http_host_cannot_even_be_created_so_no_request_can_leave()
    {
        // .invalid never resolves: had a request been tried, the error would be a DNS failure, not this refusal.
        var options = new ClientOptions().WithApiKey(Key).WithBaseUrl(new Uri("http://never-contacted.invalid/"));
        var error = Assert.Throws<UnencryptedAuthenticationException>(() => FourOImageClient.Create(options));
        Assert.DoesNotContain(Key.Reveal(), error.Message);
        Assert.NotNull(FourOImageClient.Create(options.WithAllowUnencryptedAuthentication(true)));
    }

    [Fact]
    public async Task A_redirect_drops_the_key_and_is_reported_as_a_redirect_not_as_a_bad_key()
    {
        await using var target = await StubServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"code\":401,\"msg\":\"You do not have access permissions\",\"data\":null}");
        });
        await using var api = await StubServer.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = target.Address.AbsoluteUri + "moved" + context.Request.Path.Value + context.Request.QueryString.Value;
            return Task.CompletedTask;
        });
        var lines = new List<string>();
        var client = FourOImageClient.Create(new ClientOptions().WithApiKey(Key).WithBaseUrl(api.Address).WithRetry(RetryOptions.None));
        client.Diagnostics = lines.Add;

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());

        Assert.Equal(ApiErrorKind.Redirected, error.Kind);
        Assert.Contains("redirected", error.Message);
        Assert.Contains("/moved/api/v1/chat/credit", error.Message);
        Assert.DoesNotContain("Check the API key", error.Message);
        var record = PipelineErrors.FromException(error, PipelineErrors.Areas.Credit, null);
        Assert.Equal("FourOImage.Credit.Redirected", record.ErrorId);
        Assert.DoesNotContain("Check the API key", record.RecommendedAction);
        Assert.Equal("Bearer " + Key.Reveal(), Assert.Single(api.Requests).Authorization);
        Assert.Null(Assert.Single(target.Requests).Authorization);
    }
}
