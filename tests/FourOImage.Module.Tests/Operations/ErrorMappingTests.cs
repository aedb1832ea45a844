using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>What the service answers becomes the ErrorId and category the user sees (retries off, one answer each).</summary>
public sealed class ErrorMappingTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public ErrorMappingTests(EmulatorFixture emulator) => _emulator = emulator;

    public static TheoryData<int, string, PipelineErrorCategory> BodyCodes => new()
    {
        { 429, "FourOImage.Credit.RateLimited", PipelineErrorCategory.LimitsExceeded },
        { 455, "FourOImage.Credit.Maintenance", PipelineErrorCategory.ResourceUnavailable },
        { 550, "FourOImage.Credit.QueueFull", PipelineErrorCategory.LimitsExceeded },
        { 500, "FourOImage.Credit.ServerError", PipelineErrorCategory.ResourceUnavailable },
    };

    [Theory]
    [MemberData(nameof(BodyCodes))]
    public async Task A_body_code_maps_to_its_error_id_and_category(int code, string errorId, PipelineErrorCategory category)
    {
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.WithBodyCode(code));
        PipelineError error = await CreditErrorAsync();
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.False(string.IsNullOrEmpty(error.Details));
    }

    [Fact]
    public async Task An_html_502_from_a_proxy_is_a_server_error()
    {
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.BadGateway);
        PipelineError error = await CreditErrorAsync();
        Assert.Equal("FourOImage.Credit.ServerError", error.ErrorId);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_connection_error()
    {
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Credit, Fault.Drop);
        PipelineError error = await CreditErrorAsync();
        Assert.Equal("FourOImage.Credit.ConnectionFailed", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.ConnectionError, error.Category);
    }

    [Fact]
    public async Task A_generate_that_may_have_reached_the_service_says_a_task_may_exist()
    {
        _emulator.Server.Faults.Enqueue(EmulatorEndpoints.Generate, Fault.Drop);
        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), 1, null, CancellationToken.None);
        operation.Submit(new GenerateInput { Prompt = "was it created?" });
        await operation.CompleteAsync();

        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Generate.ConnectionFailed", error.ErrorId);
        Assert.Contains("a task may exist", error.RecommendedAction);
        Assert.Empty(sink.Objects);
    }

    private async Task<PipelineError> CreditErrorAsync()
    {
        FourOImageClient client = FourOImageClient.Create(
            new ClientOptions().WithBaseUrl(_emulator.Server.ApiBaseUrl).WithApiKey(ApiKey.FromString(_emulator.Server.ApiKey)).WithRetry(RetryOptions.None));
        var failure = await Assert.ThrowsAsync<FourOImageApiException>(() => CreditQuery.GetAsync(client, CancellationToken.None));
        return PipelineErrors.FromException(failure, PipelineErrors.Areas.Credit, null);
    }
}
