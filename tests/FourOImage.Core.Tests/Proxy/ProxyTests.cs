using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Tests.Emulated;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Proxy;

/// <summary>
/// Corporate proxies: the calls go through the configured proxy with its credential, the key still goes only to the
/// API host, and a proxy that wants credentials it did not get (HTTP 407) is one clear error that says how.
/// </summary>
public sealed class ProxyTests
{
    private const string User = "corp\\alice";
    private const string Password = "p@ss:w0rd";

    [Fact]
    public async Task An_authenticating_proxy_gets_its_credential_and_the_key_still_goes_only_to_the_API_host()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var proxy = LoopbackProxy.RequiringBasic(User, Password);
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithProxy(proxy.Address, new NetworkCredential(User, Password)));

        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "a lighthouse", Variants = 2 });
        var task = await TestEmulator.FinishAsync(emulator, client, taskId);
        using (var image = await client.GetImageAsync(new Uri(task.ResultUrls[0])))
        {
            image.EnsureSuccessStatusCode();
        }

        await client.GetCreditAsync();

        var forwarded = proxy.Requests.Where(r => r.Authorized).ToList();
        var api = forwarded.Where(r => new Uri(r.Target).Port == emulator.ApiBaseUrl.Port).ToList();
        var images = forwarded.Where(r => new Uri(r.Target).Port == emulator.ImageBaseUrl.Port).ToList();
        Assert.Equal(emulator.RequestLog.Count, forwarded.Count); // everything the service saw came through the proxy
        Assert.Equal(3, api.Count);                                // generate, record-info, credit
        Assert.Single(images);
        Assert.All(api, r => Assert.Equal("Bearer " + emulator.ApiKey, r.Header("Authorization")));
        Assert.All(images, r => Assert.Null(r.Header("Authorization")));
        string basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
        Assert.All(proxy.Requests, r => Assert.True(r.Header("Proxy-Authorization") is null || r.Header("Proxy-Authorization") == basic));
        Assert.All(proxy.Requests, r => Assert.DoesNotContain(emulator.ApiKey, r.Header("Proxy-Authorization") ?? ""));
    }

    [Fact]
    public async Task Without_a_credential_the_407_is_one_clear_error_and_nothing_reaches_the_service()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var proxy = LoopbackProxy.RequiringBasic(User, Password);
        var lines = new ConcurrentQueue<string>();
        var client = TestEmulator.ClientFor(emulator, lines, o => o.WithProxy(proxy.Address));

        var credit = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());
        var generate = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        foreach (var error in new[] { credit, generate })
        {
            Assert.Equal(ApiErrorKind.ProxyAuthenticationRequired, error.Kind);
            Assert.Equal(407, error.HttpStatus);
            Assert.Equal(1, error.Attempts);           // no retry can help
            Assert.False(error.TaskMayExist);          // the proxy refused before anything was forwarded
            Assert.False(error.IsRetryable);
            Assert.Contains(proxy.Address.AbsoluteUri, error.Message);
            Assert.Contains("407", error.Message);
            Assert.Contains("Connect-4oImage -ProxyCredential", error.Message);
            Assert.Contains("FOUROIMAGE_PROXY", error.Message);
            Assert.DoesNotContain(emulator.ApiKey, error.ToString());
        }

        Assert.Empty(emulator.RequestLog);
        Assert.All(lines, l => Assert.DoesNotContain(emulator.ApiKey, l));
        Assert.Equal(2, proxy.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_password_is_named_as_the_problem_and_never_shown()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var proxy = LoopbackProxy.RequiringBasic(User, Password);
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithProxy(proxy.Address, new NetworkCredential(User, "wrong-secret")));

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());

        Assert.Equal(ApiErrorKind.ProxyAuthenticationRequired, error.Kind);
        Assert.Contains("did not accept the credential", error.Message);
        Assert.Contains("as corp\\alice", error.Message);
        Assert.DoesNotContain("wrong-secret", error.ToString());
        Assert.Empty(emulator.RequestLog);
    }

    [Fact]
    public async Task The_user_info_of_FOUROIMAGE_PROXY_is_the_credential_and_never_part_of_the_address()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var proxy = LoopbackProxy.RequiringBasic(User, Password);
        var userInfo = Uri.EscapeDataString(User) + ":" + Uri.EscapeDataString(Password);
        var env = new Dictionary<string, string?>
        {
            ["FOUROIMAGE_API_KEY"] = emulator.ApiKey,
            ["FOUROIMAGE_BASE_URL"] = emulator.ApiBaseUrl.AbsoluteUri,
            ["FOUROIMAGE_PROXY"] = $"http://{userInfo}@127.0.0.1:{proxy.Address.Port}/",
        };

        var options = ClientConfiguration.Resolve(null, null, null, null, name => env.GetValueOrDefault(name));

        Assert.Equal(proxy.Address, options.Proxy);
        Assert.Equal("alice", options.ProxyCredential!.UserName);
        Assert.Equal("corp", options.ProxyCredential.Domain);
        Assert.Equal(Password, options.ProxyCredential.Password);
        Assert.Equal("proxy " + proxy.Address.AbsoluteUri + " as corp\\alice", Pipeline.Connection.DescribeProxy(options));
        var balance = await FourOImageClient.Create(options.WithRetry(TestEmulator.FastRetry)).GetCreditAsync();
        Assert.True(balance > 0);
        Assert.Contains(proxy.Requests, r => r.Authorized);
    }

    [Fact]
    public async Task An_HTTPS_tunnel_refused_with_407_is_the_same_clear_error()
    {
        await using var proxy = LoopbackProxy.RequiringBasic(User, Password);
        var options = new ClientOptions()
            .WithApiKey(ApiKey.FromString("sk-tunnel-test"))
            .WithBaseUrl(new Uri("https://api.example.invalid/"))
            .WithProxy(proxy.Address)
            .WithRetry(TestEmulator.FastRetry);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => FourOImageClient.Create(options).GetCreditAsync());

        Assert.Equal(ApiErrorKind.ProxyAuthenticationRequired, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("Connect-4oImage -ProxyCredential", error.Message);
        var connect = Assert.Single(proxy.Requests);
        Assert.Equal("CONNECT", connect.Method);
        Assert.Null(connect.Header("Authorization")); // the key is inside the tunnel, never on the CONNECT
    }

    [Fact]
    public async Task Saving_through_a_refusing_proxy_fails_each_image_with_the_proxy_error_not_a_download_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var proxy = LoopbackProxy.RequiringBasic(User, Password);
        var direct = TestEmulator.ClientFor(emulator);
        var task = await TestEmulator.FinishAsync(emulator, direct, await direct.GenerateAsync(new GenerateRequest { Prompt = "x" }));
        var viaProxy = TestEmulator.ClientFor(emulator, change: o => o.WithProxy(proxy.Address));
        using var folder = new Downloads.TempFolder();
        var downloader = new ImageDownloader(viaProxy.GetImageAsync, viaProxy.GetDownloadUrlAsync, new SaveOptions { Directory = folder.Target });

        var result = Assert.Single(await downloader.SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        var error = Assert.IsType<FourOImageApiException>(result.Error);
        Assert.Equal(ApiErrorKind.ProxyAuthenticationRequired, error.Kind);
        Assert.Equal("image", error.Endpoint);
        Assert.Single(proxy.Requests); // no download-url call: no other URL gets past the proxy either
    }

    [Fact]
    public void The_credential_goes_up_front_only_on_plain_HTTP_through_the_given_proxy()
    {
        // Without it a proxy's 407 would make the HTTP stack write a generate body twice, which the body refuses.
        var given = new NetworkCredential("alice", "secret", "corp");
        var viaProxy = new ClientOptions().WithProxy(new Uri("http://proxy.example:8080/"), given);
        var proxy = new WebProxy(viaProxy.Proxy!) { BypassList = new[] { "bypassed\\.example" } };

        string? HeaderFor(string url, ClientOptions options, IWebProxy? used)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            ProxyPreemption.Apply(request, options, used);
            return request.Headers.ProxyAuthorization?.ToString();
        }

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("corp\\alice:secret")), HeaderFor("http://api.example/x", viaProxy, proxy));
        Assert.Null(HeaderFor("https://api.example/x", viaProxy, proxy));           // the CONNECT is authenticated instead
        Assert.Null(HeaderFor("http://bypassed.example/x", viaProxy, proxy));       // would go to the host itself
        Assert.Null(HeaderFor("http://api.example/x", new ClientOptions().WithProxy(viaProxy.Proxy), proxy)); // no credential
        Assert.Null(HeaderFor("http://api.example/x", new ClientOptions().WithProxy(null, given), null));     // the system proxy
    }

    [Fact]
    public void The_system_proxy_is_offered_the_default_credentials_unless_one_is_given()
    {
        using var system = HttpClientCache.CreateHandler(new ClientOptions());
        Assert.True(system.UseProxy);
        Assert.Null(system.Proxy);
        Assert.Same(CredentialCache.DefaultCredentials, system.DefaultProxyCredentials);

        var given = new NetworkCredential("bob", "secret");
        using var systemWithCredential = HttpClientCache.CreateHandler(new ClientOptions().WithProxy(null, given));
        Assert.Same(given, systemWithCredential.DefaultProxyCredentials);

        using var explicitProxy = HttpClientCache.CreateHandler(new ClientOptions().WithProxy(new Uri("http://proxy.example:8080/")));
        Assert.Same(CredentialCache.DefaultCredentials, explicitProxy.Proxy!.Credentials);
        using var explicitWithCredential = HttpClientCache.CreateHandler(new ClientOptions().WithProxy(new Uri("http://proxy.example:8080/"), given));
        Assert.Same(given, explicitWithCredential.Proxy!.Credentials);
    }
}
