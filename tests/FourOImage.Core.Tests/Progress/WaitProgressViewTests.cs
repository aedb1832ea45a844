using System;
using System.Collections.Generic;
using System.Linq;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Waiting;
using Xunit;

namespace FourOImage.Core.Tests.Progress;

/// <summary>The wait bars are true at every moment: real fractions, children named by prompt, times that move, no flicker, nothing left open.</summary>
public sealed class WaitProgressViewTests
{
    private const int Overall = 1000;

    private static TaskWaitProgress Waiting(string id, double elapsedSeconds, string? prompt = null) =>
        new(id, TaskWaitState.Waiting, 0, TimeSpan.FromSeconds(elapsedSeconds), prompt ?? "prompt of " + id);

    private static TaskWaitProgress Ended(string id, bool succeeded = true) =>
        new(id, succeeded ? TaskWaitState.Succeeded : TaskWaitState.Failed, 1, TimeSpan.Zero, "prompt of " + id);

    private static WaitProgress Report(int total, int succeeded, int failed, double elapsedSeconds, bool isFinal = false, params TaskWaitProgress[] changed) =>
        new(total, succeeded, failed, TimeSpan.FromSeconds(elapsedSeconds), changed, isFinal);

    [Fact]
    public void The_overall_bar_has_the_share_ended_and_the_counts_and_is_drawn_before_its_children()
    {
        var view = new WaitProgressView(Overall, "Waiting for 4o image tasks");
        IReadOnlyList<ProgressUpdate> updates = view.Render(Report(5, 2, 1, 25, false, Waiting("a", 20), Waiting("b", 10)));

        ProgressUpdate overall = updates[0];
        Assert.Equal(Overall, overall.ActivityId);
        Assert.Equal(-1, overall.ParentActivityId);
        Assert.Equal("2 of 5 done, 1 failed, 2 generating, 0:25", overall.StatusDescription);
        Assert.Equal(60, overall.PercentComplete);
        Assert.All(updates.Skip(1), child => Assert.Equal(Overall, child.ParentActivityId));
    }

    [Fact]
    public void Children_are_named_by_their_prompt_have_an_empty_bar_and_their_time_moves_with_every_report()
    {
        var view = new WaitProgressView(Overall, "Waiting");
        ProgressUpdate first = view.Render(Report(1, 0, 0, 3, false, Waiting("a", 3, "A watercolor fox asleep in autumn leaves under a big old oak tree"))).Single(u => u.ParentActivityId == Overall);
        ProgressUpdate heartbeat = view.Render(Report(1, 0, 0, 4, false)).Single(u => u.ParentActivityId == Overall);

        Assert.Equal("A watercolor fox asleep in autumn leaves under a big old oa\u2026", first.Activity); // cut by columns, one ellipsis character
        Assert.Equal("generating, 0:03", first.StatusDescription);
        Assert.Equal("generating, 0:04", heartbeat.StatusDescription);
        Assert.Equal(first.ActivityId, heartbeat.ActivityId);
        Assert.Equal(0, first.PercentComplete);
        Assert.Equal("Task a", first.CurrentOperation);
    }

    [Fact]
    public void At_most_five_lines_and_a_freed_line_goes_to_the_next_task_without_being_taken_away()
    {
        var view = new WaitProgressView(Overall, "Waiting");
        TaskWaitProgress[] seven = Enumerable.Range(1, 7).Select(i => Waiting("t" + i, 10 - i)).ToArray();
        IReadOnlyList<ProgressUpdate> start = view.Render(Report(7, 0, 0, 10, false, seven));
        var lines = start.Where(u => u.ParentActivityId == Overall).ToList();
        Assert.Equal(WaitProgressView.MaxChildBars, lines.Count);
        Assert.Equal(new[] { "prompt of t1", "prompt of t2", "prompt of t3", "prompt of t4", "prompt of t5" }, lines.Select(l => l.Activity));

        IReadOnlyList<ProgressUpdate> afterOneEnds = view.Render(Report(7, 1, 0, 11, false, Ended("t2")));
        Assert.DoesNotContain(afterOneEnds, u => u.Completed);
        ProgressUpdate taken = afterOneEnds.Single(u => u.Activity == "prompt of t6");
        Assert.Equal(lines[1].ActivityId, taken.ActivityId);
        Assert.Equal("generating, 0:05", taken.StatusDescription);
    }

    [Fact]
    public void A_line_nobody_takes_is_completed_and_the_final_report_completes_every_bar_children_first()
    {
        var view = new WaitProgressView(Overall, "Waiting");
        view.Render(Report(2, 0, 0, 1, false, Waiting("a", 1), Waiting("b", 1)));
        IReadOnlyList<ProgressUpdate> oneEnds = view.Render(Report(2, 1, 0, 2, false, Ended("a")));
        Assert.Single(oneEnds, u => u.Completed && u.ParentActivityId == Overall);

        IReadOnlyList<ProgressUpdate> last = view.Render(Report(2, 1, 0, 3, isFinal: true));
        Assert.True(last.Last().Completed);
        Assert.Equal(Overall, last.Last().ActivityId);
        Assert.Single(last, u => u.Completed && u.ParentActivityId == Overall);
        Assert.All(last, u => Assert.True(u.Completed));
    }

    [Fact]
    public void No_bar_ever_claims_an_unknown_fraction()
    {
        var view = new WaitProgressView(Overall, "Waiting");
        var all = new List<ProgressUpdate>();
        all.AddRange(view.Render(Report(0, 0, 0, 0)));
        all.AddRange(view.Render(Report(3, 0, 0, 1, false, Waiting("a", 1), Waiting("b", 0), Waiting("c", 0))));
        all.AddRange(view.Render(Report(3, 2, 1, 9, true, Ended("a"), Ended("b"), Ended("c", succeeded: false))));
        Assert.All(all, u => Assert.InRange(u.PercentComplete, 0, 100));
        Assert.Equal(100, all.Last().PercentComplete);
    }

    [Fact]
    public void While_every_task_so_far_has_ended_and_more_may_come_the_bar_says_it_waits_for_more_and_is_not_full()
    {
        var view = new WaitProgressView(Overall, "Waiting");
        view.Render(Report(2, 0, 0, 1, false, Waiting("a", 1), Waiting("b", 1)));
        ProgressUpdate idle = view.Render(new WaitProgress(2, 2, 0, TimeSpan.FromSeconds(9), new[] { Ended("a"), Ended("b") }, isFinal: false, moreToCome: true))[0];
        ProgressUpdate running = view.Render(new WaitProgress(3, 2, 0, TimeSpan.FromSeconds(10), new[] { Waiting("c", 0) }, isFinal: false, moreToCome: true))[0];
        ProgressUpdate final = view.Render(new WaitProgress(3, 3, 0, TimeSpan.FromSeconds(12), new[] { Ended("c") }, isFinal: true)).Last();

        Assert.Equal("2 of 2 done, waiting for more, 0:09", idle.StatusDescription);
        Assert.Equal(99, idle.PercentComplete);
        Assert.Equal("2 of 3 done, 1 generating, 0:10", running.StatusDescription);
        Assert.Equal("3 of 3 done, 0:12", final.StatusDescription);
        Assert.Equal(100, final.PercentComplete);
    }
}
