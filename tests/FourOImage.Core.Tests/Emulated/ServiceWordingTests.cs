using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Tests.Downloads;
using FourOImage.Core.Tests.Waiting;
using FourOImage.Core.Waiting;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>
/// Issue 23: answers as the service writes them (text errorCode, "message", success:false, download-url's refusals,
/// success without results), with the real client against the emulator's options for them.
/// </summary>
public sealed class ServiceWordingTests
{
    [Theory]
    [InlineData(ErrorCodeForm.Word, "GENERATION_FAILED")]
    [InlineData(ErrorCodeForm.Text, "500")]
    public async Task A_text_errorCode_is_kept_and_shown_in_the_failure(ErrorCodeForm form, string expected)
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.Faults.TaskFailureRate = 1;
            o.Faults.ErrorCodeForm = form;
        });
        var id = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "a fox" });

        var outcome = Assert.Single(await service.WaitAllAsync(new[] { id }));

        Assert.Equal(TaskState.Failed, outcome.Task!.Status);
        Assert.Equal(expected, outcome.Task.ErrorCode);
        var error = PipelineErrors.TaskFailed(outcome.Task);
        Assert.Equal("FourOImage.Task.Failed", error.ErrorId);
        Assert.Contains($"(errorCode {expected})", error.Exception.Message);
        Assert.Equal(expected, ((TaskNotSucceededException)error.Exception).ErrorCode);
        Assert.Equal(form == ErrorCodeForm.Word ? $"{outcome.Task.ErrorMessage} (GENERATION_FAILED)" : outcome.Task.ErrorMessage, error.Details);
    }

    [Fact]
    public async Task Text_under_message_is_read_and_record_is_null_under_message_is_a_record_not_visible_yet()
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.Faults.TextField = EnvelopeTextField.Message;
            o.Faults.NewRecordDelay = TimeSpan.FromMinutes(1);
        });
        var id = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "a fox" });

        var invisible = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GetTaskAsync(id));
        var unknown = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GetTaskAsync("0123456789abcdef0123456789abcdef"));
        service.Emulator.SetCredits(service.Emulator.ApiKey, 0);
        var broke = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GenerateAsync(new GenerateRequest { Prompt = "more" }));

        Assert.True(invisible.RecordMissing);
        Assert.Equal("record is null", invisible.ServiceMessage);
        Assert.Equal("record is null", unknown.ServiceMessage);
        Assert.Equal("FourOImage.Task.TaskNotFound", PipelineErrors.FromException(unknown, PipelineErrors.Areas.Task, null).ErrorId);
        Assert.Equal(ApiErrorKind.InsufficientCredits, broke.Kind);
        Assert.Contains("The current credits are insufficient", broke.Message);
        Assert.Contains("\"message\":", (await RawRecordInfoAsync(service, id)));

        service.Emulator.AdvanceClock(TimeSpan.FromMinutes(2));
        Assert.Equal(TaskState.Success, (await service.Client.GetTaskAsync(id)).Status);
    }

    [Fact]
    public async Task An_upload_refused_with_success_false_shows_the_services_reason_in_either_form()
    {
        await using var service = await EmulatedService.StartAsync();
        var path = Path.Combine(Directory.CreateTempSubdirectory("fouroimage-refused-").FullName, "tiny.png");
        File.WriteAllBytes(path, UploadTests.Png);
        try
        {
            service.Emulator.Faults.Enqueue(EmulatorEndpoints.Upload, Fault.WithBodyCode(200, message: "upload failed"));
            var in200 = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.UploadFileAsync(path));
            service.Emulator.Faults.Enqueue(EmulatorEndpoints.Upload, Fault.WithHttpStatus(400, message: "File type not supported"));
            var in400 = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.UploadFileAsync(path));

            Assert.Equal(ApiErrorKind.Refused, in200.Kind);
            Assert.Equal("upload failed", in200.ServiceMessage);
            Assert.Contains("upload failed", in200.Message);
            Assert.DoesNotContain("downloadUrl", in200.Message);
            var shown = PipelineErrors.FromException(in200, PipelineErrors.Areas.Upload, null);
            Assert.Equal("FourOImage.Upload.Rejected", shown.ErrorId);
            Assert.Equal("upload failed", shown.Details);
            Assert.NotNull(shown.RecommendedAction);

            Assert.Equal(400, in400.HttpStatus);
            Assert.Equal(400, in400.Code);
            Assert.Equal("File type not supported", in400.ServiceMessage);
            Assert.Contains("File type not supported", in400.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData(MissingResultsAnswer.ResponseNull, "record result data is blank", "Save-4oImage again")]
    [InlineData(MissingResultsAnswer.EmptyResultUrls, "record result data is empty", "Save-4oImage again")]
    [InlineData(MissingResultsAnswer.NoResultUrls, "record result data not exist", "create it again")]
    public async Task Download_url_without_result_data_says_what_it_means_for_the_download(MissingResultsAnswer answer, string message, string advice)
    {
        await using var service = await EmulatedService.StartAsync();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.MissingResultsAnswer = answer;
        service.Emulator.Faults.ResultsDelay = TimeSpan.MaxValue;

        var refused = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GetDownloadUrlAsync(task.TaskId, task.ResultUrls[0]));

        Assert.Equal(message, refused.ServiceMessage);
        Assert.Contains("result", refused.Message.Replace(message, ""));
        Assert.DoesNotContain("validation error", refused.Message);
        Assert.Contains(advice, refused.Message);
        var shown = PipelineErrors.FromException(refused, PipelineErrors.Areas.Save, null);
        Assert.Contains(advice, shown.RecommendedAction);
    }

    [Fact]
    public async Task Download_url_451_is_about_the_result_image_not_an_input_image()
    {
        await using var service = await EmulatedService.StartAsync();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.DownloadUrl, Fault.WithBodyCode(451));

        var refused = await Assert.ThrowsAsync<FourOImageApiException>(() => service.Client.GetDownloadUrlAsync(task.TaskId, task.ResultUrls[0]));

        Assert.Equal(451, refused.Code);
        Assert.Contains("could not fetch the result image", refused.Message);
        Assert.DoesNotContain("input image", refused.Message);
        Assert.Contains("result URL", PipelineErrors.FromException(refused, PipelineErrors.Areas.Save, null).RecommendedAction);
    }

    [Fact]
    public async Task A_save_that_falls_back_on_a_refused_download_url_carries_its_advice()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.WithBodyCode(404));
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.DownloadUrl, Fault.WithBodyCode(422, message: "record result data is blank"));

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        var shown = PipelineErrors.FromException(result.Error!, PipelineErrors.Areas.Save, null);
        Assert.Equal("FourOImage.Save.DownloadFailed", shown.ErrorId);
        Assert.Contains("no result images for this task", shown.Exception.Message);
        Assert.Contains("Save-4oImage again", shown.RecommendedAction);
    }

    [Fact]
    public async Task Success_without_results_is_polled_through_the_grace_then_reported_naming_the_task()
    {
        await using var service = await EmulatedService.StartAsync(o => o.Faults.ResultsDelay = TimeSpan.MaxValue);
        var id = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "a fox" });
        var wait = EmulatedService.FastWait;
        wait.NewTaskGrace = TimeSpan.FromMilliseconds(600);

        var outcome = Assert.Single(await service.WaitAllAsync(new[] { id }, wait));

        Assert.False(outcome.Succeeded);
        var missing = Assert.IsType<TaskResultsMissingException>(outcome.Error);
        Assert.Equal(id, missing.TaskId);
        Assert.Contains(id, missing.Message);
        Assert.True(missing.Waited >= wait.NewTaskGrace);
        Assert.True(service.PollsByTask()[id].Count >= 2, "asked again before giving up");
        var shown = PipelineErrors.FromException(missing, PipelineErrors.Areas.Task, null);
        Assert.Equal("FourOImage.Task.NoResults", shown.ErrorId);
        Assert.Contains(id, shown.RecommendedAction);
    }

    [Theory]
    [InlineData(MissingResultsAnswer.ResponseNull)]
    [InlineData(MissingResultsAnswer.EmptyResultUrls)]
    public async Task Success_whose_results_show_a_moment_later_is_waited_for_and_succeeds(MissingResultsAnswer answer)
    {
        await using var service = await EmulatedService.StartAsync(o =>
        {
            o.Faults.ResultsDelay = TimeSpan.FromMilliseconds(500);
            o.Faults.MissingResultsAnswer = answer;
        });
        var id = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "a fox" });

        var outcome = Assert.Single(await service.WaitAllAsync(new[] { id }));

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Single(outcome.Task!.ResultUrls);
    }

    [Theory]
    [InlineData("photo.pjpeg")]
    [InlineData("photo.pjp")]
    public async Task Pjpeg_and_pjp_files_are_uploaded_as_jpeg(string name)
    {
        await using var service = await EmulatedService.StartAsync();
        var folder = Directory.CreateTempSubdirectory("fouroimage-pjpeg-").FullName;
        try
        {
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0 });

            var uploaded = await service.Client.UploadFileAsync(path);

            Assert.Equal("image/jpeg", uploaded.MimeType);
            Assert.EndsWith(name, uploaded.DownloadUrl.AbsolutePath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UploadCn_is_sent_as_the_services_boolean()
    {
        await using var service = await EmulatedService.StartAsync();
        var input = new GenerateInput { Prompt = "a fox", UploadCn = true };

        var id = await service.Client.GenerateAsync(input.ToRequest());
        var off = await service.Client.GenerateAsync(new GenerateInput { Prompt = "a fox" }.ToRequest());

        Assert.Contains("\"uploadCn\":true", (await service.Client.GetTaskAsync(id)).ParamJson);
        Assert.Contains("\"uploadCn\":false", (await service.Client.GetTaskAsync(off)).ParamJson);
    }

    private static async Task<string> RawRecordInfoAsync(EmulatedService service, string id)
    {
        using var http = new System.Net.Http.HttpClient();
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, new Uri(service.Emulator.ApiBaseUrl, "api/v1/gpt4o-image/record-info?taskId=" + id));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", service.Emulator.ApiKey);
        using var response = await http.SendAsync(request, CancellationToken.None);
        return await response.Content.ReadAsStringAsync();
    }
}
