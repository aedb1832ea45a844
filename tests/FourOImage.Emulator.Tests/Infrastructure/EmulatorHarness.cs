using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace FourOImage.Emulator.Tests;

/// <summary>A started emulator plus an HttpClient that speaks to it like a client would.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    private EmulatorHarness(EmulatorServer server)
    {
        Server = server;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<EmulatorHarness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return new EmulatorHarness(await EmulatorServer.StartAsync(options));
    }

    public Uri Api(string relative) => new(Server.ApiBaseUrl, relative);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? body = null, string? key = null, bool auth = true)
    {
        var request = new HttpRequestMessage(method, Api(relative));
        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? Server.ApiKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    /// <summary>Sends and parses the envelope; asserts HTTP 200.</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string relative, string? body = null, string? key = null, bool auth = true)
    {
        using var response = await SendAsync(method, relative, body, key, auth);
        var text = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GenerateAsync(string body, string? key = null) =>
        CallAsync(HttpMethod.Post, "api/v1/gpt4o-image/generate", body, key);

    public async Task<string> GenerateTaskAsync(string prompt = "a lighthouse", string size = "1:1", int variants = 1, string? extra = null)
    {
        var body = $"{{\"prompt\":{JsonSerializer.Serialize(prompt)},\"size\":\"{size}\",\"nVariants\":{variants}{extra}}}";
        var answer = await GenerateAsync(body);
        Xunit.Assert.Equal(200, answer.GetProperty("code").GetInt32());
        return answer.GetProperty("data").GetProperty("taskId").GetString()!;
    }

    public Task<JsonElement> RecordInfoAsync(string taskId, string? key = null) =>
        CallAsync(HttpMethod.Get, "api/v1/gpt4o-image/record-info?taskId=" + Uri.EscapeDataString(taskId), key: key);

    /// <summary>Moves the clock past the generation time and returns the finished record's data.</summary>
    public async Task<JsonElement> FinishAsync(string taskId)
    {
        Server.AdvanceClock(TimeSpan.FromMinutes(10));
        var record = await RecordInfoAsync(taskId);
        Xunit.Assert.Equal(200, record.GetProperty("code").GetInt32());
        return record.GetProperty("data");
    }

    /// <summary>GETs a URL (as a client without a key would) and returns only the HTTP status.</summary>
    public async Task<System.Net.HttpStatusCode> StatusOfAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        return response.StatusCode;
    }

    /// <summary>GETs a URL whose body is expected to break off: the advertised length and the bytes that came first.</summary>
    public async Task<(long? AdvertisedLength, byte[] Received)> GetCutShortAsync(string url)
    {
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Xunit.Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new System.IO.MemoryStream();
        await Xunit.Assert.ThrowsAnyAsync<System.IO.IOException>(() => body.CopyToAsync(received));
        return (response.Content.Headers.ContentLength, received.ToArray());
    }

    /// <summary>POSTs a multipart file-stream-upload (each part only when given; the file part is named "local name.png") and parses the answer.</summary>
    public async Task<JsonElement> UploadAsync(byte[]? file, string? uploadPath, string? fileName = null, bool auth = true)
    {
        using var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "file", "local name.png");
        }

        if (uploadPath is not null) form.Add(new StringContent(uploadPath), "uploadPath");
        if (fileName is not null) form.Add(new StringContent(fileName), "fileName");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.UploadBaseUrl, "api/file-stream-upload")) { Content = form };
        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.ApiKey);
        }

        using var response = await Http.SendAsync(request);
        Xunit.Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Finishes the task and returns its first result URL.</summary>
    public async Task<string> FirstResultUrlAsync(string taskId) =>
        (await FinishAsync(taskId)).GetProperty("response").GetProperty("resultUrls")[0].GetString()!;

    public Task<JsonElement> DownloadUrlAsync(string taskId, string url) =>
        CallAsync(HttpMethod.Post, "api/v1/gpt4o-image/download-url", JsonSerializer.Serialize(new { taskId, url }));

    /// <summary>Waits until the emulator has recorded <paramref name="count"/> callback deliveries (fails after 10 s).</summary>
    public async Task<System.Collections.Generic.IReadOnlyList<CallbackDelivery>> WaitForCallbacksAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var deliveries = Server.Callbacks;
        while (deliveries.Count < count)
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, $"Expected {count} callback deliveries, got {deliveries.Count}.");
            await Task.Delay(10);
            deliveries = Server.Callbacks;
        }

        return deliveries;
    }

    /// <summary>Waits until no callback is left to deliver (first, retry or duplicate), then returns every delivery.</summary>
    public async Task<System.Collections.Generic.IReadOnlyList<CallbackDelivery>> WaitForCallbacksSettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Server.Services.Callbacks.Pending > 0)
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, "Callbacks were still pending after 10 s.");
            await Task.Delay(10);
        }

        return Server.Callbacks;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
