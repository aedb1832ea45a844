using System;
using System.Collections.Generic;
using System.Net;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Client;

public class ConfigurationTests
{
    private const string Secret = "sk-test-0123456789abcdef";

    private static Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    [Fact]
    public void Api_key_never_prints()
    {
        var key = ApiKey.FromString("  " + Secret + "\n");
        var fromSecure = ApiKey.FromSecureString(new NetworkCredential("", Secret).SecurePassword);

        Assert.Equal("****", key.ToString());
        Assert.Equal("****", $"{fromSecure}");
        Assert.Equal(Secret, key.Reveal());
        Assert.Equal(Secret, fromSecure.Reveal());
        var empty = Assert.Throws<ArgumentException>(() => ApiKey.FromString("   "));
        Assert.Equal("The API key is empty.", empty.Message);
        var fromEnvironment = Assert.Throws<ArgumentException>(() => ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "two words"))));
        Assert.StartsWith("FOUROIMAGE_API_KEY: The API key contains spaces", fromEnvironment.Message);
        var broken = Assert.Throws<ArgumentException>(() => ApiKey.FromString("sk-secret\nvalue"));
        Assert.DoesNotContain("sk-secret", broken.Message);
    }

    [Fact]
    public void Missing_key_names_all_three_ways()
    {
        var error = Assert.Throws<ApiKeyMissingException>(() => ClientConfiguration.Resolve(null, null, null, null, Env()));

        Assert.Contains("-ApiKey", error.Message);
        Assert.Contains("Connect-4oImage", error.Message);
        Assert.Contains("FOUROIMAGE_API_KEY", error.Message);
        Assert.Throws<ApiKeyMissingException>(() => FourOImageClient.Create(new ClientOptions()));
    }

    [Fact]
    public void Explicit_beats_session_beats_environment()
    {
        var env = Env(("FOUROIMAGE_API_KEY", "env-key"), ("FOUROIMAGE_BASE_URL", "https://env.example:8080"));
        var session = new ClientOptions().WithApiKey(ApiKey.FromString("session-key")).WithBaseUrl(new Uri("https://session.example/"));

        var fromEnv = ClientConfiguration.Resolve(null, null, null, null, env);
        Assert.Equal("env-key", fromEnv.ApiKey!.Reveal());
        Assert.Equal(new Uri("https://env.example:8080/"), fromEnv.BaseUrl);
        Assert.Equal(ClientOptions.DefaultUploadBaseUrl, fromEnv.UploadBaseUrl);

        var fromSession = ClientConfiguration.Resolve(null, null, null, session, env);
        Assert.Equal("session-key", fromSession.ApiKey!.Reveal());
        Assert.Equal(new Uri("https://session.example/"), fromSession.BaseUrl);

        var explicitly = ClientConfiguration.Resolve(ApiKey.FromString("explicit-key"), new Uri("https://api.kie.ai"), new Uri("https://up.example/x"), session, env);
        Assert.Equal("explicit-key", explicitly.ApiKey!.Reveal());
        Assert.Equal(new Uri("https://api.kie.ai/"), explicitly.BaseUrl);
        Assert.Equal(new Uri("https://up.example/x/"), explicitly.UploadBaseUrl);
    }

    [Fact]
    public void The_submission_limit_is_20_per_10_seconds_unless_the_environment_or_the_session_says_otherwise()
    {
        var env = Env(("FOUROIMAGE_API_KEY", "env-key"), ("FOUROIMAGE_SUBMISSION_LIMIT", " 60 "));
        var defaults = ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "env-key")));
        Assert.Equal((20, TimeSpan.FromSeconds(10)), (defaults.SubmissionLimit, defaults.SubmissionWindow));

        Assert.Equal(60, ClientConfiguration.Resolve(null, null, null, null, env).SubmissionLimit);

        // Connect-4oImage resolves against the environment once; its session then wins over the environment.
        var session = ClientConfiguration.Resolve(ApiKey.FromString("k"), null, null, null, env).WithSubmissionLimit(35);
        Assert.Equal(35, ClientConfiguration.Resolve(null, null, null, session, env).SubmissionLimit);
        Assert.Equal(0, session.WithSubmissionLimit(0).SubmissionLimit);
        Assert.Equal(35, session.WithBaseUrl(new Uri("https://api.kie.ai/")).WithRetry(RetryOptions.None).SubmissionLimit);
    }

    [Theory]
    [InlineData("twenty")]
    [InlineData("-5")]
    [InlineData("20000")]
    public void A_bad_submission_limit_in_the_environment_is_an_error_naming_the_variable(string value)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "k"), ("FOUROIMAGE_SUBMISSION_LIMIT", value))));

        Assert.Contains("FOUROIMAGE_SUBMISSION_LIMIT", error.Message);
        Assert.Contains(value, error.Message);
        var parameter = Assert.Throws<ArgumentOutOfRangeException>(() => new ClientOptions().WithSubmissionLimit(-1));
        Assert.Equal("SubmissionLimit", parameter.ParamName);
    }

    [Fact]
    public void A_connection_belongs_to_its_owner_unless_made_for_the_process()
    {
        object parent = new(), child = new(), other = new();
        var parentOptions = new ClientOptions().WithApiKey(ApiKey.FromString("parent-key"));
        var childOptions = new ClientOptions().WithApiKey(ApiKey.FromString("child-key")).WithBaseUrl(new Uri("http://127.0.0.1:5179/"));

        SessionConnections.Connect(parent, parentOptions, ConnectionScope.Runspace);
        SessionConnections.Connect(child, childOptions, ConnectionScope.Runspace);

        Assert.Same(parentOptions, SessionConnections.For(parent));
        Assert.Same(childOptions, SessionConnections.For(child));
        Assert.Null(SessionConnections.For(other));

        SessionConnections.Disconnect(child);
        Assert.Null(SessionConnections.For(child));
        Assert.Same(parentOptions, SessionConnections.For(parent));
        SessionConnections.Disconnect(parent);
    }

    [Fact]
    public void A_process_connection_serves_owners_without_their_own_and_goes_with_its_maker()
    {
        object maker = new(), bystander = new(), ownConnection = new();
        var shared = new ClientOptions().WithApiKey(ApiKey.FromString("shared-key"));
        var own = new ClientOptions().WithApiKey(ApiKey.FromString("own-key"));
        try
        {
            SessionConnections.Connect(maker, own, ConnectionScope.Runspace);
            SessionConnections.Connect(ownConnection, own, ConnectionScope.Runspace);
            SessionConnections.Connect(maker, shared, ConnectionScope.Process);

            Assert.Same(shared, SessionConnections.For(maker));
            Assert.Same(shared, SessionConnections.For(bystander));
            Assert.Same(own, SessionConnections.For(ownConnection));

            SessionConnections.Disconnect(bystander);
            Assert.Same(shared, SessionConnections.For(bystander));

            SessionConnections.Disconnect(maker);
            Assert.Null(SessionConnections.For(bystander));
            Assert.Same(own, SessionConnections.For(ownConnection));
        }
        finally
        {
            SessionConnections.Disconnect(maker);
            SessionConnections.Disconnect(ownConnection);
        }
    }

    [Fact]
    public void Retry_after_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new System.Net.Http.HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new System.Net.Http.HttpResponseMessage();
        date.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 12:00:30 GMT");
        using var past = new System.Net.Http.HttpResponseMessage();
        past.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 11:00:00 GMT");
        using var none = new System.Net.Http.HttpResponseMessage();

        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.RetryAfter(date, now));
        Assert.Null(RetryDelay.RetryAfter(past, now));
        Assert.Null(RetryDelay.RetryAfter(none, now));
    }

    [Fact]
    public void Defaults_are_the_4oimageapi_hosts()
    {
        var options = new ClientOptions();

        Assert.Equal(new Uri("https://4oimageapiio.erweima.ai/"), options.BaseUrl);
        Assert.Equal(new Uri("https://kieai.redpandaai.co/"), options.UploadBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(100), options.RequestTimeout);
        Assert.Equal(16, options.MaxConnectionsPerServer);
        Assert.Null(options.ApiKey);
    }

    [Theory]
    [InlineData("FOUROIMAGE_BASE_URL", "not a url")]
    [InlineData("FOUROIMAGE_BASE_URL", "ftp://files.example/")]
    [InlineData("FOUROIMAGE_UPLOAD_BASE_URL", "/relative")]
    public void Bad_environment_urls_name_the_variable(string variable, string value)
    {
        var error = Assert.Throws<ArgumentException>(
            () => ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "k"), (variable, value))));

        Assert.Equal(variable, error.ParamName);
        Assert.Contains(variable, error.Message);
    }

    [Fact]
    public void The_emulator_submission_window_variable_shortens_the_window_the_module_paces_to()
    {
        var options = ClientConfiguration.Resolve(null, null, null, null,
            Env(("FOUROIMAGE_API_KEY", "k"), (ClientConfiguration.EmulatorSubmissionWindowVariable, "1.5")));
        var unset = ClientConfiguration.Resolve(null, null, null, null, Env(("FOUROIMAGE_API_KEY", "k")));

        Assert.Equal(TimeSpan.FromSeconds(1.5), options.SubmissionWindow);
        Assert.Equal(ClientOptions.DefaultSubmissionWindow, unset.SubmissionWindow);
        foreach (var bad in new[] { "0", "soon", "-1" })
        {
            var error = Assert.Throws<ArgumentException>(() => ClientConfiguration.Resolve(null, null, null, null,
                Env(("FOUROIMAGE_API_KEY", "k"), (ClientConfiguration.EmulatorSubmissionWindowVariable, bad))));
            Assert.Equal(ClientConfiguration.EmulatorSubmissionWindowVariable, error.ParamName);
        }
    }

    [Fact]
    public void Bad_option_values_name_the_setting()
    {
        var options = new ClientOptions();

        Assert.Equal("BaseUrl", Assert.Throws<ArgumentException>(() => options.WithBaseUrl(new Uri("ftp://x/"))).ParamName);
        Assert.Equal("UploadBaseUrl", Assert.Throws<ArgumentException>(() => options.WithUploadBaseUrl(new Uri("file:///tmp/"))).ParamName);
        Assert.Equal("Proxy", Assert.Throws<ArgumentException>(() => options.WithProxy(new Uri("socks9://p/"))).ParamName);
        Assert.Equal("RequestTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => options.WithRequestTimeout(TimeSpan.Zero)).ParamName);
        Assert.Equal("RequestTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => options.WithRequestTimeout(TimeSpan.FromDays(30))).ParamName);
        Assert.Equal("MaxConnectionsPerServer", Assert.Throws<ArgumentOutOfRangeException>(() => options.WithMaxConnectionsPerServer(0)).ParamName);
    }

    [Fact]
    public void With_copies_leave_the_original_alone()
    {
        var original = new ClientOptions();
        var changed = original.WithBaseUrl(new Uri("http://127.0.0.1:5077")).WithRequestTimeout(TimeSpan.FromSeconds(5));

        Assert.Equal(ClientOptions.DefaultBaseUrl, original.BaseUrl);
        Assert.Equal(ClientOptions.DefaultRequestTimeout, original.RequestTimeout);
        Assert.Equal(new Uri("http://127.0.0.1:5077/"), changed.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), changed.RequestTimeout);
    }

    [Fact]
    public void Clients_with_the_same_transport_share_one_HttpClient_whatever_the_key()
    {
        var a = FourOImageClient.Create(new ClientOptions().WithApiKey(ApiKey.FromString("a")).WithMaxConnectionsPerServer(7));
        var b = FourOImageClient.Create(new ClientOptions().WithApiKey(ApiKey.FromString("b")).WithMaxConnectionsPerServer(7).WithRequestTimeout(TimeSpan.FromSeconds(3)));
        var c = FourOImageClient.Create(new ClientOptions().WithApiKey(ApiKey.FromString("a")).WithMaxConnectionsPerServer(8));
        var d = FourOImageClient.Create(new ClientOptions().WithApiKey(ApiKey.FromString("a")).WithMaxConnectionsPerServer(7).WithProxy(new Uri("http://127.0.0.1:3128")));

        Assert.Same(a.Transport.Shared, b.Transport.Shared);
        Assert.NotSame(a.Transport.Shared, c.Transport.Shared);
        Assert.NotSame(a.Transport.Shared, d.Transport.Shared);
        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, a.Transport.Shared.Client.Timeout);
        Assert.Equal(7, a.Transport.Shared.Handler.MaxConnectionsPerServer);
        Assert.Equal(8, c.Transport.Shared.Handler.MaxConnectionsPerServer);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, a.Transport.Shared.Handler.AutomaticDecompression);
        Assert.True(d.Transport.Shared.Handler.UseProxy);
        Assert.Equal(new Uri("http://127.0.0.1:3128"), d.Transport.Shared.Handler.Proxy!.GetProxy(new Uri("https://4oimageapiio.erweima.ai/")));
    }

    [Fact]
    public void Retry_options_reject_nonsense()
    {
        Assert.Equal("maxAttempts", Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions(maxAttempts: 0)).ParamName);
        Assert.Equal("maxDelay", Assert.Throws<ArgumentOutOfRangeException>(
            () => new RetryOptions(baseDelay: TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromSeconds(1))).ParamName);
        Assert.Equal(1, RetryOptions.None.MaxAttempts);
    }

    [Fact]
    public void Backoff_grows_is_jittered_and_capped()
    {
        var options = new RetryOptions(baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(10));

        for (var i = 0; i < 50; i++)
        {
            var first = RetryPolicy.Backoff(options, 1, maintenance: false);
            var third = RetryPolicy.Backoff(options, 3, maintenance: false);
            var tenth = RetryPolicy.Backoff(options, 10, maintenance: false);
            var maintenance = RetryPolicy.Backoff(options, 1, maintenance: true);
            Assert.InRange(first, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
            Assert.InRange(third, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
            Assert.InRange(tenth, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
            Assert.InRange(maintenance, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        }
    }
}
