using System;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>Every answer that is not success becomes a typed <see cref="FourOImageApiException"/>.</summary>
public class ErrorMappingTests
{
    [Fact]
    public async Task Wrong_key_is_401_unauthorized_not_retried_and_never_echoed()
    {
        const string wrongKey = "wrong-key-5f1e2d3c4b5a69788796a5b4c3d2e1f0";
        await using var emulator = await TestEmulator.StartAsync();
        var client = FourOImageClient.Create(TestEmulator.OptionsFor(emulator, wrongKey));

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());

        Assert.Equal(401, error.Code);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(ApiErrorKind.Unauthorized, error.Kind);
        Assert.Equal("credit", error.Endpoint);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, TestEmulator.Count(emulator, "credit"));
        Assert.Contains("You do not have access permissions", error.Message);
        Assert.Contains("FOUROIMAGE_API_KEY", error.Message);
        Assert.DoesNotContain(wrongKey, error.ToString());
    }

    [Fact]
    public async Task No_credits_is_402_and_generate_is_sent_once_without_a_task()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.SetCredits(emulator.ApiKey, 0m);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(402, error.Code);
        Assert.Equal(ApiErrorKind.InsufficientCredits, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.False(error.TaskMayExist);
        Assert.Equal(1, TestEmulator.Count(emulator, "generate"));
    }

    [Fact]
    public async Task Unknown_task_is_422_record_is_null_with_the_task_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetTaskAsync("0123456789abcdef0123456789abcdef"));

        Assert.Equal(422, error.Code);
        Assert.Equal(ApiErrorKind.ValidationFailed, error.Kind);
        Assert.Equal("record-info", error.Endpoint);
        Assert.Equal("0123456789abcdef0123456789abcdef", error.TaskId);
        Assert.Equal("record is null", error.ServiceMessage);
        Assert.Contains("0123456789abcdef0123456789abcdef", error.Message);
        Assert.Equal(1, TestEmulator.Count(emulator, "record-info"));
    }

    [Fact]
    public async Task Download_url_of_an_unfinished_task_is_422()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "slow" });

        var error = await Assert.ThrowsAsync<FourOImageApiException>(
            () => client.GetDownloadUrlAsync(taskId, emulator.ImageBaseUrl + "whatever.png"));

        Assert.Equal(422, error.Code);
        Assert.Equal("download-url", error.Endpoint);
        Assert.Equal(taskId, error.TaskId);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData(400, ApiErrorKind.BadRequest)]
    [InlineData(401, ApiErrorKind.Unauthorized)]
    [InlineData(402, ApiErrorKind.InsufficientCredits)]
    [InlineData(404, ApiErrorKind.NotFound)]
    [InlineData(422, ApiErrorKind.ValidationFailed)]
    [InlineData(451, ApiErrorKind.InputImageUnreachable)]
    [InlineData(505, ApiErrorKind.FeatureDisabled)]
    [InlineData(499, ApiErrorKind.Unknown)]
    public async Task Final_body_codes_are_never_retried(int code, ApiErrorKind kind)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        foreach (var endpoint in new[] { "credit", "generate" })
        {
            emulator.Faults.Enqueue(endpoint, Fault.WithBodyCode(code), 1);
        }

        var credit = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());
        var generate = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        foreach (var error in new[] { credit, generate })
        {
            Assert.Equal(code, error.Code);
            Assert.Equal(kind, error.Kind);
            Assert.False(error.IsRetryable);
            Assert.False(error.TaskMayExist);
            Assert.Equal(1, error.Attempts);
            Assert.Contains($"code {code}", error.Message);
        }

        Assert.Equal(1, TestEmulator.Count(emulator, "credit"));
        Assert.Equal(1, TestEmulator.Count(emulator, "generate"));
    }

    [Fact]
    public async Task Html_502_is_reported_as_such_with_the_http_status()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithRetry(RetryOptions.None));
        emulator.Faults.Enqueue("credit", Fault.BadGateway, 1);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());

        Assert.Equal(502, error.HttpStatus);
        Assert.Null(error.Code);
        Assert.Equal(ApiErrorKind.ServerError, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Contains("HTTP 502 with an HTML body", error.Message);
    }

    [Theory]
    [InlineData(502, "HTTP 502 with an empty body", ApiErrorKind.ServerError)]
    [InlineData(200, "HTTP 200 with an empty body", ApiErrorKind.InvalidResponse)]
    public async Task Empty_bodies_are_reported_as_such_with_the_http_status(int status, string text, ApiErrorKind kind)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("credit", Fault.WithHttpStatus(status, emptyBody: true), 10);
        emulator.Faults.Enqueue("generate", Fault.WithHttpStatus(status, emptyBody: true), 10);

        var credit = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());
        var generate = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Contains(text, credit.Message);
        Assert.Equal(status, credit.HttpStatus);
        Assert.Equal(kind, credit.Kind);
        Assert.Equal(4, credit.Attempts);
        Assert.Contains(text, generate.Message);
        Assert.True(generate.TaskMayExist);
        Assert.Equal(1, generate.Attempts);
        Assert.Equal(4, TestEmulator.Count(emulator, "credit"));
        Assert.Equal(1, TestEmulator.Count(emulator, "generate"));
    }

    [Fact]
    public async Task Service_side_validation_422_comes_back_with_the_service_message()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("generate", Fault.WithBodyCode(422), 1);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(422, error.Code);
        Assert.False(string.IsNullOrEmpty(error.ServiceMessage));
        Assert.Contains(error.ServiceMessage!.TrimEnd('.'), error.Message);
    }

    [Fact]
    public async Task Invalid_request_is_refused_before_anything_is_sent()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x", Variants = 3 }));

        Assert.Equal("Variants", error.ParamName);
        Assert.Equal(0, TestEmulator.Count(emulator, "generate"));
    }
}
