using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Client;

/// <summary>Answer shapes the emulator does not produce on purpose (empty bodies, JSON on non-2xx, 2xx without code).</summary>
public class ResponseClassifierTests
{
    private static readonly ApiCall Read = new("credit", HttpMethod.Get, () => throw new InvalidOperationException());
    private static readonly ApiCall Generate = new("generate", HttpMethod.Post, () => throw new InvalidOperationException(), createsTask: true);

    private static CallFailure? Classify(ApiCall call, int status, string body, string? mediaType = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return ResponseClassifier.Classify(call, status, bytes, mediaType, null, ApiEnvelope.TryParse(bytes));
    }

    [Fact]
    public void Success_needs_2xx_json_and_code_200()
    {
        Assert.Null(Classify(Read, 200, """{"code":200,"msg":"success","data":5916.25}"""));
        Assert.Null(Classify(Read, 200, """{"code":"200","msg":"success","data":1}"""));
        Assert.NotNull(Classify(Read, 500, """{"code":200,"msg":"success","data":1}"""));
        Assert.NotNull(Classify(Read, 200, """{"msg":"success","data":1}"""));
        Assert.NotNull(Classify(Read, 200, """[200]"""));
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_the_json_is_accepted()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"code":200,"msg":"success","data":"Café"}""")).ToArray();

        var envelope = ApiEnvelope.TryParse(body);

        Assert.NotNull(envelope);
        Assert.Equal(200, envelope!.Code);
        Assert.Equal("Café", envelope.Data.GetString());
    }

    [Theory]
    [InlineData(502, "", "text/html", "HTTP 502 with an empty body")]
    [InlineData(200, "   \r\n", null, "HTTP 200 with an empty body")]
    [InlineData(200, "<!DOCTYPE html><html>captive portal</html>", "text/html", "HTTP 200 with an HTML body")]
    [InlineData(503, "  <html>down</html>", null, "HTTP 503 with an HTML body")]
    [InlineData(504, "upstream timed out", "text/plain", "HTTP 504 with a body that is not JSON")]
    [InlineData(200, "{\"msg\":\"no code\"}", "application/json", "HTTP 200 with a JSON body")]
    public void Odd_bodies_are_described_with_the_http_status(int status, string body, string? mediaType, string summary)
    {
        var failure = Classify(Read, status, body, mediaType)!;

        Assert.Equal(summary, failure.Summary);
        Assert.Contains(summary, failure.Description);
        Assert.Equal(status, failure.HttpStatus);
        Assert.True(failure.Retry);
    }

    [Theory]
    [InlineData(502, "", ApiErrorKind.ServerError)]
    [InlineData(504, "<html>gateway timeout</html>", ApiErrorKind.ServerError)]
    [InlineData(200, "<html>ok</html>", ApiErrorKind.InvalidResponse)]
    [InlineData(200, "", ApiErrorKind.InvalidResponse)]
    public void Generate_answered_without_the_envelope_may_have_created_a_task(int status, string body, ApiErrorKind kind)
    {
        var failure = Classify(Generate, status, body)!;

        Assert.True(failure.TaskMayExist);
        Assert.False(failure.Retry);
        Assert.Equal(kind, failure.Kind);
    }

    [Fact]
    public void A_json_envelope_on_a_non_2xx_answer_is_judged_by_its_code()
    {
        var unauthorized = Classify(Read, 401, """{"code":401,"msg":"You do not have access permissions","data":null}""")!;
        var maintenance = Classify(Generate, 503, """{"code":455,"msg":"maintenance","data":null}""")!;

        Assert.Equal(ApiErrorKind.Unauthorized, unauthorized.Kind);
        Assert.Equal(401, unauthorized.Code);
        Assert.Equal(401, unauthorized.HttpStatus);
        Assert.False(unauthorized.Retry);
        Assert.Equal("You do not have access permissions", unauthorized.ServiceMessage);
        Assert.Equal(ApiErrorKind.Maintenance, maintenance.Kind);
        Assert.True(maintenance.Retry);
        Assert.False(maintenance.TaskMayExist);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(408, false)]
    [InlineData(501, false)]
    [InlineData(403, false)]
    public void Edge_statuses_for_generate(int status, bool retried)
    {
        var failure = Classify(Generate, status, "<html></html>")!;

        Assert.Equal(retried, failure.Retry);
    }

    [Theory]
    [InlineData(429, "The current credits are insufficient. Please top up.")]
    [InlineData(500, "Credits insufficient : Your current balance isn't enough to run this request")]
    [InlineData(455, "Your current balance isn't enough")]
    [InlineData(422, "余额不足，请充值")]
    public void An_answer_about_credits_is_insufficient_credits_whatever_its_code_and_is_not_retried(int code, string message)
    {
        var failure = Classify(Generate, 200, $$"""{"code":{{code}},"msg":"{{message}}","data":null}""")!;

        Assert.Equal(ApiErrorKind.InsufficientCredits, failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.False(failure.Retry);
        Assert.False(failure.TaskMayExist);
        Assert.Equal(message, failure.ServiceMessage);
    }

    [Theory]
    [InlineData(429, "Too many requests, please slow down.", ApiErrorKind.RateLimited)]
    [InlineData(500, "Load balancer timeout", ApiErrorKind.ServerError)]
    [InlineData(402, "Payment required", ApiErrorKind.InsufficientCredits)]
    public void Other_messages_keep_the_meaning_of_their_code(int code, string message, ApiErrorKind kind)
    {
        Assert.Equal(kind, Classify(Generate, 200, $$"""{"code":{{code}},"msg":"{{message}}","data":null}""")!.Kind);
    }
}
