using System;
using System.Text.Json;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Client;

/// <summary>The record-info samples from the API contract (live and documented shapes).</summary>
public class ImageTaskParserTests
{
    private const string LiveRunning = """
        {"taskId":"5fd1b68dbca66cddf73654e72e2094ea",
         "paramJson":"{\"enableFallback\":false,\"fileUrlOrPromptNotEmpty\":true,\"nVariantsValid\":true,\"prompt\":\"A serene mountain lake at sunset with reflections\",\"size\":\"1:1\"}",
         "completeTime":null,"response":null,"successFlag":0,"status":"GENERATING",
         "errorCode":null,"errorMessage":null,"createTime":1774788500000,"progress":"0.00"}
        """;

    private const string LiveSuccess = """
        {"taskId":"5fd1b68dbca66cddf73654e72e2094ea","paramJson":"{\"prompt\":\"lake\",\"size\":\"3:2\",\"nVariants\":2}",
         "completeTime":1774788518000,
         "response":{"resultUrls":["https://tempfile.aiquickdraw.com/s/a_0.png","https://tempfile.aiquickdraw.com/s/a_1.png"]},
         "successFlag":1,"status":"SUCCESS","errorCode":null,"errorMessage":null,
         "createTime":1774788500000,"progress":"1.00","someNewField":{"x":1}}
        """;

    private static ImageTask Parse(string json, string requested = "requested")
    {
        using var document = JsonDocument.Parse(json);
        return ImageTaskParser.Parse(document.RootElement, requested, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Live_running_answer_is_generating_with_prompt_from_paramJson()
    {
        var task = Parse(LiveRunning);

        Assert.Equal("5fd1b68dbca66cddf73654e72e2094ea", task.TaskId);
        Assert.Equal(TaskState.Generating, task.Status);
        Assert.False(task.IsFinished);
        Assert.Equal(0, task.SuccessFlag);
        Assert.Equal("GENERATING", task.ServiceStatus);
        Assert.Equal(0m, task.Progress);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1774788500000), task.CreateTime);
        Assert.Null(task.CompleteTime);
        Assert.Empty(task.ResultUrls);
        Assert.Null(task.ErrorCode);
        Assert.Equal("A serene mountain lake at sunset with reflections", task.Prompt);
        Assert.Equal("1:1", task.Size);
        Assert.Null(task.Variants);
    }

    [Fact]
    public void Live_success_answer_has_result_urls_times_and_variants()
    {
        var task = Parse(LiveSuccess);

        Assert.Equal(TaskState.Success, task.Status);
        Assert.Equal(1m, task.Progress);
        Assert.Equal(
            new[] { "https://tempfile.aiquickdraw.com/s/a_0.png", "https://tempfile.aiquickdraw.com/s/a_1.png" },
            task.ResultUrls);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1774788518000), task.CompleteTime);
        Assert.Equal("3:2", task.Size);
        Assert.Equal(2, task.Variants);
        Assert.Equal("lake", task.Prompt);
    }

    [Fact]
    public void Documented_shape_snake_case_urls_string_times_in_utc_plus_8_and_no_status()
    {
        var task = Parse("""
            {"taskId":"task_4o_abc123","successFlag":1,"progress":"0.50",
             "createTime":"2025-03-10 16:30:00","completeTime":"2025-03-10 16:30:18",
             "response":{"result_urls":["https://example.com/x.png"]}}
            """);

        Assert.Equal(TaskState.Success, task.Status);
        Assert.Null(task.ServiceStatus);
        Assert.Equal(0.50m, task.Progress);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 8, 30, 0, TimeSpan.Zero), task.CreateTime);
        Assert.Equal(TimeSpan.Zero, task.CreateTime!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 8, 30, 18, TimeSpan.Zero), task.CompleteTime);
        Assert.Equal(new[] { "https://example.com/x.png" }, task.ResultUrls);
    }

    [Theory]
    [InlineData(2, "GENERATE_FAILED")]
    [InlineData(3, "GENERATE_FAILED")]
    [InlineData(3, null)]
    [InlineData(7, "SUCCESS")]
    public void Any_success_flag_but_0_and_1_is_a_failure(int flag, string? status)
    {
        var statusJson = status is null ? "" : $",\"status\":\"{status}\"";
        var task = Parse($$"""{"taskId":"t","successFlag":{{flag}}{{statusJson}},"errorCode":400,"errorMessage":"Internal Error"}""");

        Assert.Equal(TaskState.Failed, task.Status);
        Assert.True(task.IsFinished);
        Assert.Equal("400", task.ErrorCode);
        Assert.Equal("Internal Error", task.ErrorMessage);
    }

    [Theory]
    [InlineData("SUCCESS", TaskState.Success)]
    [InlineData("GENERATING", TaskState.Generating)]
    [InlineData("CREATE_TASK_FAILED", TaskState.Failed)]
    [InlineData("GENERATE_FAILED", TaskState.Failed)]
    public void Status_text_decides_when_success_flag_is_missing(string status, TaskState expected)
    {
        var task = Parse($$"""{"taskId":"t","status":"{{status}}"}""");

        Assert.Equal(expected, task.Status);
    }

    [Theory]
    [InlineData("451", "451")]
    [InlineData("451.0", "451")]
    [InlineData("\"451\"", "451")]
    [InlineData("\"GENERATION_FAILED\"", "GENERATION_FAILED")]
    [InlineData("null", null)]
    [InlineData("\"\"", null)]
    public void Error_code_as_number_string_word_or_null(string json, string? expected)
    {
        var task = Parse($$"""{"taskId":"t","successFlag":2,"errorCode":{{json}}}""");

        Assert.Equal(expected, task.ErrorCode);
    }

    [Theory]
    [InlineData("\"1.00\"", 1.00)]
    [InlineData("0.5", 0.5)]
    [InlineData("\"abc\"", 0)]
    [InlineData("null", 0)]
    public void Progress_as_string_or_number(string json, double expected)
    {
        var task = Parse($$"""{"taskId":"t","successFlag":0,"progress":{{json}}}""");

        Assert.Equal((decimal)expected, task.Progress);
    }

    [Fact]
    public void Response_sent_as_json_inside_a_string()
    {
        var task = Parse("""{"taskId":"t","successFlag":1,"response":"{\"result_urls\":[\"https://example.com/a.png\"]}"}""");

        Assert.Equal(new[] { "https://example.com/a.png" }, task.ResultUrls);
    }

    [Theory]
    [InlineData("\"https://r2.example/x.png?X-Amz-Expires=1200\"", "https://r2.example/x.png?X-Amz-Expires=1200")]
    [InlineData("{\"downloadUrl\":\"https://r2.example/y.png\"}", "https://r2.example/y.png")]
    [InlineData("null", null)]
    [InlineData("42", null)]
    public void Download_url_data_as_a_string_or_the_quickstart_object(string json, string? expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, DownloadUrlParser.Parse(document.RootElement));
    }

    [Fact]
    public void Missing_task_id_falls_back_to_the_requested_one_and_malformed_param_json_is_kept_verbatim()
    {
        var task = Parse("""{"successFlag":0,"paramJson":"{not json"}""", requested: "abc");

        Assert.Equal("abc", task.TaskId);
        Assert.Equal("{not json", task.ParamJson);
        Assert.Null(task.Prompt);
    }

    [Fact]
    public void Param_json_as_an_object_and_variants_as_a_string()
    {
        var task = Parse("""{"taskId":"t","successFlag":0,"paramJson":{"prompt":"Café 東京 🌸","nVariants":"4","size":"2:3"}}""");

        Assert.Equal("Café 東京 🌸", task.Prompt);
        Assert.Equal(4, task.Variants);
        Assert.Equal("2:3", task.Size);
    }
}
