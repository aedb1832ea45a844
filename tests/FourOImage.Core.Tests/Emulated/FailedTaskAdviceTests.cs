using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>A failed task's error says what to do about that failure: try again, rephrase, or fix an input image.</summary>
public class FailedTaskAdviceTests
{
    [Fact]
    public async Task Try_again_later_and_internal_error_and_content_policy_each_get_their_own_advice()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var advice = new Dictionary<string, string>();
        emulator.Faults.TaskFailureRate = 1.0;
        for (var i = 0; i < 40 && advice.Count < 2; i++)
        {
            var task = await TestEmulator.FinishAsync(emulator, client, await client.GenerateAsync(new GenerateRequest { Prompt = "x" + i }));
            advice[task.ErrorMessage!] = PipelineErrors.TaskFailed(task).RecommendedAction!;
        }

        emulator.Faults.TaskFailureRate = 0;
        emulator.Faults.RefusedWords = new[] { "forbidden" };
        var refused = await TestEmulator.FinishAsync(emulator, client, await client.GenerateAsync(new GenerateRequest { Prompt = "a forbidden fox" }));
        var policy = PipelineErrors.TaskFailed(refused).RecommendedAction!;

        var later = advice["Please try again later"];
        var internalError = advice["Internal Error"];
        Assert.Contains("try", later, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("content policy", later);
        Assert.Contains("refus", internalError);
        Assert.Contains("content policy", policy);
        Assert.Equal(3, new HashSet<string> { later, internalError, policy }.Count);
        Assert.All(new[] { later, internalError }, a => Assert.Contains("-RetryFailed", a));
    }
}
