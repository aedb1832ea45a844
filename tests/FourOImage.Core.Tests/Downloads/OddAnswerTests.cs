using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Tests.Waiting;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>Answers no documented task gives: more images than it asked for, a state the service never documented.</summary>
public class OddAnswerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(null, 4)]
    public async Task A_task_answered_with_50_urls_saves_what_it_asked_for_and_warns_about_the_rest(int? variants, int saved)
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var real = await service.FinishedTaskAsync();
        var flood = new ImageTask(real.TaskId)
        {
            Status = TaskState.Success,
            Variants = variants,
            ResultUrls = Enumerable.Repeat(real.ResultUrls[0], 50).ToList(),
        };
        var warnings = new List<string>();

        var results = await service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = "{TaskId}_{Index}.png", Warning = warnings.Add }).SaveAsync(flood);

        Assert.Equal(saved, results.Count);
        Assert.All(results, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.Equal(saved, folder.AllFiles().Count(f => f.EndsWith(".png", System.StringComparison.Ordinal)));
        var warning = Assert.Single(warnings);
        Assert.Contains($"asked for {saved} image(s)", warning);
        Assert.Contains($"sent 50 result URLs; only the first {saved} are saved and the other {50 - saved} are ignored", warning);
    }

    [Fact]
    public void A_success_flag_outside_0_to_3_with_result_urls_is_reported_as_an_unknown_state_with_what_it_held()
    {
        using var json = JsonDocument.Parse(
            "{\"taskId\":\"t1\",\"successFlag\":7,\"status\":\"PENDING_REVIEW\",\"response\":{\"resultUrls\":[\"https://img.example/a.png\",\"https://img.example/b.png\"]}}");
        var task = ImageTaskParser.Parse(json.RootElement, "t1", System.DateTimeOffset.UtcNow);

        var error = new TaskNotSucceededException(task);

        Assert.Equal(TaskState.Failed, task.Status);
        Assert.Equal(
            "Task t1: the service sent an unknown state (successFlag 7, status 'PENDING_REVIEW', 2 result URL(s)); it is not taken as a success, so nothing is saved from it.",
            error.Message);
        Assert.DoesNotContain("no reason given", error.Message);
    }
}
