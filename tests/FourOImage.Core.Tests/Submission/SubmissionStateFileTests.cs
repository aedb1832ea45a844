using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Submission;
using FourOImage.Core.Tests.Downloads;
using Xunit;

namespace FourOImage.Core.Tests.Submission;

/// <summary>
/// The shared submission state is this user's alone and trusted only as far as this module could have written it; the
/// wait for a slot says when the slot truly opens and does not rewrite the file while it waits.
/// </summary>
public sealed class SubmissionStateFileTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_state_folder_is_created_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the temp folder is per user there
        }

        using var folder = new TempFolder();
        var stateFolder = Path.Combine(folder.Root, "FourOImage-someone");
        var limiter = SubmissionLimiter.Create(Path.Combine(stateFolder, "submissions-x.txt"));

        (await limiter.AcquireAsync(2, TimeSpan.FromSeconds(1), Horizon, null, null, CancellationToken.None)).Sent();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(stateFolder));
        Assert.True(File.Exists(Path.Combine(stateFolder, "submissions-x.txt")));
    }

    [Fact]
    public async Task A_state_folder_owned_by_another_user_is_refused_with_one_warning_and_never_written()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return; // only root can give a folder to another user
        }

        using var folder = new TempFolder();
        var stateFolder = Path.Combine(folder.Root, "FourOImage-victim");
        Directory.CreateDirectory(stateFolder);
        File.SetUnixFileMode(stateFolder, (UnixFileMode)0x1FF); // 0777, as another user would leave it for us to write in
        using (var chown = Process.Start("chown", $"65534 \"{stateFolder}\"")!)
        {
            await chown.WaitForExitAsync();
            Assert.Equal(0, chown.ExitCode);
        }

        var limiter = SubmissionLimiter.Create(Path.Combine(stateFolder, "submissions-x.txt"));
        var warnings = new List<string>();
        var verbose = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            (await limiter.AcquireAsync(5, TimeSpan.FromSeconds(1), Horizon, verbose.Add, null, CancellationToken.None, warnings.Add)).Sent();
        }

        var warning = Assert.Single(warnings);
        Assert.StartsWith("Submission pacing covers this process only:", warning);
        Assert.Contains("belongs to another user (uid 65534", warning);
        Assert.Empty(Directory.GetFiles(stateFolder));
    }

    [Fact]
    public async Task Stamps_and_a_pause_no_process_of_the_module_could_have_written_are_dropped_with_one_verbose_line()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Root, "submissions-x.txt");
        var now = DateTime.UtcNow;
        var lines = Enumerable.Range(1, 20).Select(i => $"{i:x} {(now + TimeSpan.FromSeconds(60)).Ticks}").Append($"paused {(now + TimeSpan.FromDays(100)).Ticks}");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var limiter = SubmissionLimiter.Create(path);
        var verbose = new List<string>();
        var waited = false;

        for (var i = 0; i < 2; i++)
        {
            var slot = await limiter.AcquireAsync(2, TimeSpan.FromSeconds(10), Horizon, verbose.Add, () => waited = true, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(20));
            slot.Sent();
        }

        Assert.False(waited, string.Join(" | ", verbose));
        Assert.Contains(verbose, l => l.StartsWith("Submission pacing: the state file held", StringComparison.Ordinal) && l.EndsWith("dropped as corrupt.", StringComparison.Ordinal));
        Assert.DoesNotContain("paused", File.ReadAllText(path));
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task A_pause_far_longer_than_the_module_ever_sets_is_cut_to_the_longest_it_sets()
    {
        var limiter = SubmissionLimiter.Create(null);
        var lines = new ConcurrentQueue<string>();
        var waiting = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();
        limiter.Pause(TimeSpan.FromDays(100)); // a Retry-After of 100 days

        var wait = limiter.AcquireAsync(20, TimeSpan.FromSeconds(10), Horizon, lines.Enqueue, () => waiting.TrySetResult(), cancel.Token);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(20));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        var seconds = double.Parse(Regex.Match(lines.Single(), @"sent in ([0-9.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 590, SubmissionLimiter.LongestPause(TimeSpan.FromSeconds(10)).TotalSeconds);
    }

    [Fact]
    public async Task The_wait_says_when_the_slot_truly_opens_and_does_not_rewrite_the_file_while_it_waits()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Root, "submissions-x.txt");
        var limiter = SubmissionLimiter.Create(path);
        var window = TimeSpan.FromSeconds(1);
        var first = await limiter.AcquireAsync(2, window, Horizon, null, null, CancellationToken.None);
        var second = await limiter.AcquireAsync(2, window, Horizon, null, null, CancellationToken.None);
        var lines = new ConcurrentQueue<string>();
        var waiting = new TaskCompletionSource();
        using var watcher = new FileSystemWatcher(folder.Root, "submissions-x.txt") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size };
        var writes = 0;
        watcher.Changed += (_, _) => Interlocked.Increment(ref writes);
        watcher.EnableRaisingEvents = true;

        // Both calls are still out: the slot opens a window after the first answer, a second from now at the earliest.
        var third = limiter.AcquireAsync(2, window, Horizon, lines.Enqueue, () => waiting.TrySetResult(), CancellationToken.None);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(20));
        first.Sent();
        second.Sent();
        (await third.WaitAsync(TimeSpan.FromSeconds(20))).Sent();

        var said = double.Parse(Regex.Match(lines.Single(), @"opens in ([0-9.]+) s at the earliest").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(said, 0.9, 1.3);
        Assert.True(Volatile.Read(ref writes) < 12, $"{writes} writes while one row waited about a second (50 ms polling rewrote it about 20 times)");
    }

    [Fact]
    public async Task A_slot_given_back_by_another_process_wakes_the_waiting_row_long_before_the_window_ends()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Root, "submissions-x.txt");
        var other = SubmissionLimiter.Create(path);
        var mine = SubmissionLimiter.Create(path);
        var window = TimeSpan.FromSeconds(30);
        var taken = await other.AcquireAsync(1, window, Horizon, null, null, CancellationToken.None);
        var waiting = new TaskCompletionSource();

        var wait = mine.AcquireAsync(1, window, Horizon, null, () => waiting.TrySetResult(), CancellationToken.None);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(20));
        taken.Unused();

        (await wait.WaitAsync(TimeSpan.FromSeconds(10))).Sent();
    }
}
