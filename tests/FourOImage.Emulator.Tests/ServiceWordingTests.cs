using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

/// <summary>
/// Issue 23: the answers the vendor's spec and independent clients show, as options (fractional progress, errorMessage
/// "", the second callback message, text errorCodes, "message", results that are missing, upload refusals,
/// file-url-upload).
/// </summary>
public sealed class ServiceWordingTests
{
    [Fact]
    public async Task Progress_is_the_share_of_the_generation_time_as_the_docs_show_it_when_asked_for()
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMinutes(100);
            o.FractionalProgress = true;
        });
        var taskId = await emu.GenerateTaskAsync();

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(48));
        var at48 = (await emu.RecordInfoAsync(taskId)).GetProperty("data");
        emu.Server.AdvanceClock(TimeSpan.FromMinutes(2));
        var at50 = (await emu.RecordInfoAsync(taskId)).GetProperty("data");
        emu.Server.AdvanceClock(TimeSpan.FromMinutes(50));
        var done = (await emu.RecordInfoAsync(taskId)).GetProperty("data");

        Assert.Equal((JsonValueKind.String, "0.48", 0), (at48.GetProperty("progress").ValueKind, at48.GetProperty("progress").GetString(), at48.GetProperty("successFlag").GetInt32()));
        Assert.Equal("0.50", at50.GetProperty("progress").GetString());
        Assert.Equal("1.00", done.GetProperty("progress").GetString());
    }

    [Fact]
    public async Task Progress_jumps_from_0_to_1_by_default_as_live()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromMinutes(100));
        var taskId = await emu.GenerateTaskAsync();

        emu.Server.AdvanceClock(TimeSpan.FromMinutes(50));

        Assert.Equal("0.00", (await emu.RecordInfoAsync(taskId)).GetProperty("data").GetProperty("progress").GetString());
    }

    [Theory]
    [InlineData(false, JsonValueKind.Null)]
    [InlineData(true, JsonValueKind.String)]
    public async Task A_success_has_errorMessage_null_live_or_empty_as_the_spec_says(bool empty, JsonValueKind expected)
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.EmptyErrorMessageOnSuccess = empty);

        var record = await emu.FinishAsync(await emu.GenerateTaskAsync());

        Assert.Equal(1, record.GetProperty("successFlag").GetInt32());
        Assert.Equal(expected, record.GetProperty("errorMessage").ValueKind);
        if (empty)
        {
            Assert.Equal("", record.GetProperty("errorMessage").GetString());
        }
    }

    [Fact]
    public async Task A_success_callback_can_say_the_second_message()
    {
        await using var hook = await CallbackReceiver.StartAsync();
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.FixedGenerationTime = TimeSpan.FromMilliseconds(50);
            o.CallbackSuccessMessage = CallbackSuccessMessages.Generated;
        });
        var taskId = await emu.GenerateTaskAsync(extra: $",\"callBackUrl\":\"{hook.Url}\"");

        await emu.WaitForCallbacksAsync(1);
        var payload = JsonDocument.Parse(hook.Bodies.Single()).RootElement;

        Assert.Equal(200, payload.GetProperty("code").GetInt32());
        Assert.Equal("Gpt4o-image generated successfully.", payload.GetProperty("msg").GetString());
        Assert.Equal(taskId, payload.GetProperty("data").GetProperty("taskId").GetString());
    }

    [Theory]
    [InlineData(ErrorCodeForm.Number, JsonValueKind.Number, "400")]
    [InlineData(ErrorCodeForm.Text, JsonValueKind.String, "400")]
    [InlineData(ErrorCodeForm.Word, JsonValueKind.String, "GENERATION_FAILED")]
    public async Task A_failed_tasks_errorCode_comes_as_a_number_text_or_word(ErrorCodeForm form, JsonValueKind kind, string text)
    {
        await using var emu = await EmulatorHarness.StartAsync(o =>
        {
            o.Faults.ErrorCodeForm = form;
            o.Faults.RefusedWords = new[] { "gore" };
        });

        var record = await emu.FinishAsync(await emu.GenerateTaskAsync("gore"));

        var code = record.GetProperty("errorCode");
        Assert.Equal(kind, code.ValueKind);
        Assert.Equal(text, code.ValueKind == JsonValueKind.Number ? code.GetRawText() : code.GetString());
    }

    [Fact]
    public async Task Every_envelope_can_carry_its_text_under_message()
    {
        await using var emu = await EmulatorHarness.StartAsync(o => o.Faults.TextField = EnvelopeTextField.Message);

        var unknown = await emu.RecordInfoAsync("0123456789abcdef0123456789abcdef");
        var created = await emu.GenerateAsync("{\"prompt\":\"x\",\"size\":\"1:1\"}");

        Assert.Equal((422, "record is null"), (unknown.GetProperty("code").GetInt32(), unknown.GetProperty("message").GetString()));
        Assert.False(unknown.TryGetProperty("msg", out _));
        Assert.Equal("success", created.GetProperty("message").GetString());
        Assert.False(created.TryGetProperty("msg", out _));
    }

    [Theory]
    [InlineData(MissingResultsAnswer.ResponseNull, "record result data is blank")]
    [InlineData(MissingResultsAnswer.EmptyResultUrls, "record result data is empty")]
    [InlineData(MissingResultsAnswer.NoResultUrls, "record result data not exist")]
    public async Task A_success_without_results_shows_flag_1_with_no_urls_and_download_url_refuses_it_until_the_delay_is_over(
        MissingResultsAnswer answer, string message)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync();
        var url = await emu.FirstResultUrlAsync(taskId);
        emu.Server.Faults.ResultsDelay = TimeSpan.FromHours(1);
        emu.Server.Faults.MissingResultsAnswer = answer;

        var record = (await emu.RecordInfoAsync(taskId)).GetProperty("data");
        var refused = await emu.DownloadUrlAsync(taskId, url);

        Assert.Equal((1, "SUCCESS", "1.00"), (record.GetProperty("successFlag").GetInt32(), record.GetProperty("status").GetString(), record.GetProperty("progress").GetString()));
        var response = record.GetProperty("response");
        switch (answer)
        {
            case MissingResultsAnswer.ResponseNull:
                Assert.Equal(JsonValueKind.Null, response.ValueKind);
                break;
            case MissingResultsAnswer.EmptyResultUrls:
                Assert.Equal(0, response.GetProperty("resultUrls").GetArrayLength());
                break;
            default:
                Assert.False(response.TryGetProperty("resultUrls", out _));
                break;
        }

        Assert.Equal((422, message), (refused.GetProperty("code").GetInt32(), refused.GetProperty("msg").GetString()));

        emu.Server.AdvanceClock(TimeSpan.FromHours(1));
        Assert.Equal(200, (await emu.DownloadUrlAsync(taskId, url)).GetProperty("code").GetInt32());
        Assert.Equal(1, (await emu.RecordInfoAsync(taskId)).GetProperty("data").GetProperty("response").GetProperty("resultUrls").GetArrayLength());
    }

    [Fact]
    public async Task An_upload_is_refused_with_http_200_and_success_false_or_with_a_real_http_status()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Upload, Fault.WithBodyCode(200, message: "upload failed"));
        emu.Server.Faults.Enqueue(EmulatorEndpoints.Upload, Fault.WithHttpStatus(400, message: "File type not supported"));

        var in200 = await emu.UploadAsync(new byte[] { 1, 2, 3 }, "x");
        using var in400 = await PostUploadAsync(emu, new byte[] { 1, 2, 3 });
        var body = JsonDocument.Parse(await in400.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal((false, 200, "upload failed"), (in200.GetProperty("success").GetBoolean(), in200.GetProperty("code").GetInt32(), in200.GetProperty("msg").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, in400.StatusCode);
        Assert.Equal("application/json", in400.Content.Headers.ContentType?.MediaType);
        Assert.Equal((false, 400, "File type not supported"), (body.GetProperty("success").GetBoolean(), body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task File_url_upload_fetches_the_url_and_answers_the_live_shape()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var taskId = await emu.GenerateTaskAsync();
        var url = await emu.FirstResultUrlAsync(taskId);
        var original = await emu.Http.GetByteArrayAsync(url);

        var answer = await UrlUploadAsync(emu, $"{{\"fileUrl\":\"{url}\",\"uploadPath\":\"images\",\"fileName\":\"copy.png\"}}");
        var missing = await UrlUploadAsync(emu, $"{{\"fileUrl\":\"{emu.Server.ImageBaseUrl}s/nothing.png\",\"uploadPath\":\"images\"}}");
        var noUrl = await UrlUploadAsync(emu, "{\"uploadPath\":\"images\"}");

        Assert.Equal((true, 200), (answer.GetProperty("success").GetBoolean(), answer.GetProperty("code").GetInt32()));
        var data = answer.GetProperty("data");
        Assert.Equal(("copy.png", "images/copy.png", "image/png"), (data.GetProperty("fileName").GetString(), data.GetProperty("filePath").GetString(), data.GetProperty("mimeType").GetString()));
        Assert.Equal(original.Length, data.GetProperty("fileSize").GetInt32());
        Assert.Equal(original, await emu.Http.GetByteArrayAsync(data.GetProperty("downloadUrl").GetString()));

        Assert.Equal((false, 400), (missing.GetProperty("success").GetBoolean(), missing.GetProperty("code").GetInt32()));
        Assert.Contains("HTTP 404", missing.GetProperty("msg").GetString());
        Assert.Equal((false, 422, "fileUrl is required."), (noUrl.GetProperty("success").GetBoolean(), noUrl.GetProperty("code").GetInt32(), noUrl.GetProperty("msg").GetString()));
        Assert.Equal(3, emu.Server.RequestLog.Count(e => e.Path == "/api/file-url-upload" && e.Endpoint == EmulatorEndpoints.Upload));
    }

    private static async Task<JsonElement> UrlUploadAsync(EmulatorHarness emu, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emu.Server.UploadBaseUrl, "api/file-url-upload"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emu.Server.ApiKey);
        using var response = await emu.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostUploadAsync(EmulatorHarness emu, byte[] file)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "a.png" }, { new StringContent("x"), "uploadPath" } };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emu.Server.UploadBaseUrl, "api/file-stream-upload")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emu.Server.ApiKey);
        return emu.Http.SendAsync(request);
    }
}
