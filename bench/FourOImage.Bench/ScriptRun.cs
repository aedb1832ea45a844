using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Bench;

/// <summary>
/// Run B: the script people write today, in C#. One row at a time: generate; sleep 5 s and poll record-info until the
/// task ends; then download each result URL one by one and write the file. One HttpClient (as one pwsh session's
/// web cmdlets would reuse connections), no parallelism, no retries.
/// </summary>
internal static class ScriptRun
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(Uri apiBase, string apiKey, int rows, int variants, string directory, CancellationToken cancellation)
    {
        using var http = new HttpClient();
        Directory.CreateDirectory(directory);
        var failures = 0;
        for (var row = 0; row < rows; row++)
        {
            var body = JsonSerializer.Serialize(new { prompt = Prompts.For(row), size = "1:1", nVariants = variants });
            using var generate = Request(HttpMethod.Post, new Uri(apiBase, "api/v1/gpt4o-image/generate"), apiKey);
            generate.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var created = await SendAsync(http, generate, cancellation);
            var taskId = created.RootElement.GetProperty("data").GetProperty("taskId").GetString()!;

            JsonElement data;
            do
            {
                await Task.Delay(PollInterval, cancellation);
                using var poll = Request(HttpMethod.Get, new Uri(apiBase, "api/v1/gpt4o-image/record-info?taskId=" + taskId), apiKey);
                using var info = await SendAsync(http, poll, cancellation);
                data = info.RootElement.GetProperty("data").Clone();
            }
            while (data.GetProperty("successFlag").GetInt32() == 0);

            if (data.GetProperty("successFlag").GetInt32() != 1)
            {
                failures++;
                continue;
            }

            var index = 0;
            foreach (var url in data.GetProperty("response").GetProperty("resultUrls").EnumerateArray())
            {
                using var image = await http.GetAsync(url.GetString(), HttpCompletionOption.ResponseHeadersRead, cancellation);
                image.EnsureSuccessStatusCode();
                await using var file = File.Create(Path.Combine(directory, $"{taskId}_{index++}.png"));
                await image.Content.CopyToAsync(file, cancellation);
            }
        }

        return failures;
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url, string apiKey)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellation)
    {
        using var response = await http.SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
        var code = document.RootElement.GetProperty("code").GetInt32();
        if (code != 200)
        {
            document.Dispose();
            throw new InvalidOperationException($"The service answered code {code}.");
        }

        return document;
    }
}
