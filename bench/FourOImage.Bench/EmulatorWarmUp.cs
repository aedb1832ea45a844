using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FourOImage.Emulator;

namespace FourOImage.Bench;

/// <summary>
/// One task through every endpoint with a plain HttpClient before the measured run, so the emulator's own first-call
/// costs (JIT, Kestrel start-up) are not charged to the client. The task is finished by advancing the emulator's
/// clock; the client code under test stays cold. The clock then moves on past the submission window, so the warm-up's
/// task does not count against the run's first window.
/// </summary>
internal static class EmulatorWarmUp
{
    public static async Task RunAsync(EmulatorServer emulator, TimeSpan generationTime, TimeSpan submissionWindow)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        var created = await PostAsync(http, new Uri(emulator.ApiBaseUrl, "api/v1/gpt4o-image/generate"), "{\"prompt\":\"warm-up\",\"size\":\"1:1\",\"nVariants\":1}");
        var taskId = created.GetProperty("taskId").GetString()!;
        emulator.AdvanceClock(generationTime + TimeSpan.FromSeconds(1));
        var info = await GetAsync(http, new Uri(emulator.ApiBaseUrl, "api/v1/gpt4o-image/record-info?taskId=" + taskId));
        var url = info.GetProperty("response").GetProperty("resultUrls")[0].GetString()!;
        await PostAsync(http, new Uri(emulator.ApiBaseUrl, "api/v1/gpt4o-image/download-url"), JsonSerializer.Serialize(new { taskId, url }));
        using var plain = new HttpClient();
        await plain.GetByteArrayAsync(url);
        emulator.AdvanceClock(submissionWindow);
        emulator.ClearRequestLog();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, Uri url, string json)
    {
        using var response = await http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        return Data(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, Uri url) => Data(await http.GetStringAsync(url));

    private static JsonElement Data(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("data").Clone();
    }
}
