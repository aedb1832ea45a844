using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Timing;

namespace FourOImage.Core.Waiting;

/// <summary>
/// Waits for any number of generation tasks at once. Tasks can be added at any time from any thread until
/// <see cref="Complete"/>; <see cref="RunAsync"/> polls them from one scheduler loop and raises
/// <see cref="TaskFinished"/> for each task the moment it ends, in the order they end.
/// Events are raised one at a time on the thread running the loop (never concurrently, never under a lock);
/// an exception thrown by a handler stops the run and surfaces from <see cref="RunAsync"/>.
/// </summary>
public sealed class TaskWaiter : IDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly Func<string, CancellationToken, Task<ImageTask>> poll;
    private readonly WaitOptions options;
    private readonly Clock clock;
    private readonly object gate = new();
    private readonly PollSchedule schedule;
    private readonly Queue<WaitOutcome> ready = new();
    private readonly List<WaitOutcome> timedOut = new();
    private readonly WaitTally tally = new();
    private readonly CancellationTokenSource disposed = new();
    private TaskCompletionSource<bool> wake = NewSignal();
    private bool completed;
    private bool running;
    private bool isDisposed;
    private int progressRequested;
    private TimeSpan runStartedAt;
    private TimeSpan? lastProgressAt;

    /// <param name="poll">Reads one task from the service, e.g. <c>client.GetTaskAsync</c>.</param>
    /// <param name="options">Polling options; null for the defaults.</param>
    public TaskWaiter(Func<string, CancellationToken, Task<ImageTask>> poll, WaitOptions? options = null)
        : this(poll, options, Clock.System)
    {
    }

    internal TaskWaiter(Func<string, CancellationToken, Task<ImageTask>> poll, WaitOptions? options, Clock clock)
    {
        this.poll = poll ?? throw new ArgumentNullException(nameof(poll));
        this.options = (options ?? new WaitOptions()).Clone();
        this.options.Validate();
        this.clock = clock;
        schedule = new PollSchedule(this.options);
    }

    /// <summary>Raised once per task when it ends: success, failure, or an error that stops waiting for it.</summary>
    public event Action<WaitOutcome>? TaskFinished;

    /// <summary>Raised at most once per <see cref="WaitOptions.ProgressInterval"/>, plus a final report.</summary>
    public event Action<WaitProgress>? Progress;

    /// <summary>Ids still being waited for (a snapshot).</summary>
    public IReadOnlyList<string> RunningTaskIds
    {
        get
        {
            lock (gate)
            {
                return schedule.Tracked.Select(t => t.TaskId).ToArray();
            }
        }
    }

    /// <summary>
    /// Adds a task. One that already finished is handed back at once without polling; one still generating is first
    /// polled after <see cref="WaitOptions.InitialInterval"/>. A task id already being waited for is ignored.
    /// </summary>
    public void Add(ImageTask task)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        AddCore(task.TaskId, task);
    }

    /// <summary>Adds a task known only by id; it is polled at once. An id already being waited for is ignored.</summary>
    public void Add(string taskId)
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException("A task id is required.", nameof(taskId));
        }

        AddCore(taskId.Trim(), null);
    }

    /// <summary>
    /// Asks for a progress report at once (from any thread), so the times move even while no task runs and more may
    /// still be added; nothing is reported before the first task.
    /// </summary>
    public void RequestProgress()
    {
        Interlocked.Exchange(ref progressRequested, 1);
        Signal();
    }

    /// <summary>No more tasks will be added: <see cref="RunAsync"/> ends when the ones added have ended.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completed = true;
        }

        Signal();
    }

    /// <summary>
    /// Polls until every added task has ended or run out of its own <see cref="WaitOptions.Timeout"/>, and
    /// <see cref="Complete"/> was called. Can run only once. Throws <see cref="WaitTimeoutException"/> naming the tasks
    /// that ran out of time (after the others ended), and
    /// <see cref="OperationCanceledException"/> on cancellation; either way no poll is running when it returns,
    /// and no event is raised after cancellation.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (isDisposed)
            {
                throw new ObjectDisposedException(nameof(TaskWaiter));
            }

            if (running)
            {
                throw new InvalidOperationException("A TaskWaiter runs only once.");
            }

            running = true;
            runStartedAt = clock.Elapsed;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposed.Token);
        using var wakeOnStop = stop.Token.Register(Signal);
        LoopEnd end;
        try
        {
            end = await LoopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            await DrainInFlightAsync().ConfigureAwait(false);
        }

        if (end == LoopEnd.Stopped)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ObjectDisposedException(nameof(TaskWaiter));
        }

        // Polls that ended while the run was stopping were put back, so only earlier outcomes are still queued.
        RaiseFinished();
        RaiseProgress(clock.Elapsed, isFinal: true);
        lock (gate)
        {
            if (timedOut.Count > 0)
            {
                throw new WaitTimeoutException(options.Timeout, timedOut.ToArray());
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (isDisposed)
            {
                return;
            }

            isDisposed = true;
        }

        // Stops a run in progress; its token registration is what wakes the loop.
        disposed.Cancel();
    }

    private async Task<LoopEnd> LoopAsync(CancellationToken stop)
    {
        while (true)
        {
            var signal = ResetSignal();
            if (stop.IsCancellationRequested)
            {
                return LoopEnd.Stopped;
            }

            RaiseFinished();
            var now = clock.Elapsed;
            List<TrackedTask> due;
            TimeSpan wakeAt;
            lock (gate)
            {
                foreach (var expired in schedule.TakeExpired(now))
                {
                    TimeOut(expired, now);
                }

                if (completed && schedule.Count == 0 && ready.Count == 0)
                {
                    return LoopEnd.AllEnded;
                }

                due = schedule.TakeDue(now);
                wakeAt = Min(schedule.NextDue ?? TimeSpan.MaxValue, schedule.NextDeadline ?? TimeSpan.MaxValue);
            }

            foreach (var task in due)
            {
                _ = PollAsync(task, stop);
            }

            wakeAt = Min(wakeAt, RaiseProgressIfDue(now));
            await SleepAsync(signal, wakeAt - now, stop).ConfigureAwait(false);
        }
    }

    private void AddCore(string taskId, ImageTask? snapshot)
    {
        lock (gate)
        {
            if (completed || isDisposed)
            {
                throw new InvalidOperationException($"Cannot add task {taskId}: the waiter was completed or disposed.");
            }

            var now = clock.Elapsed;
            if (snapshot is { IsFinished: true } && !MissingResults.Applies(snapshot))
            {
                tally.Added();
                Finish(snapshot.TaskId, snapshot, null, polls: 0, waited: TimeSpan.Zero, now);
            }
            else
            {
                var tracked = schedule.Add(taskId, snapshot, now);
                if (tracked is null)
                {
                    return;
                }

                tracked.CreatedAt = NewTaskGrace.CreatedAt(taskId, snapshot);
                if (tracked.CreatedAt is { } createdAt)
                {
                    // A task created here is "not found" with its story once its grace is over, also when the grace
                    // ran out before its first poll (a wait started late, or a busy machine), as Get-4oImageTask says.
                    var left = NewTaskGrace.Remaining(createdAt, options.NewTaskGrace, clock.UtcNow) ?? TimeSpan.Zero;
                    tracked.VisibleBy = now + left;
                }

                tally.Added();
                NoteChange(tracked, now);
            }
        }

        Signal();
    }

    private async Task PollAsync(TrackedTask task, CancellationToken stop)
    {
        ImageTask? snapshot = null;
        Exception? error = null;
        try
        {
            snapshot = await poll(task.TaskId, stop).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The poll delegate returned no task.");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            error = ex;
        }

        lock (gate)
        {
            OnPolled(task, snapshot, error, stop.IsCancellationRequested);
        }

        Signal();
    }

    private void OnPolled(TrackedTask task, ImageTask? snapshot, Exception? error, bool stopping)
    {
        var now = clock.Elapsed;
        if (stopping)
        {
            task.Last = snapshot ?? task.Last;
            schedule.Requeue(task);
            return;
        }

        if (snapshot is not null)
        {
            CarryOver(task.Last, snapshot);
            task.Last = snapshot;
            task.LastError = null;
            if (MissingResults.Applies(snapshot))
            {
                // Successful without results: like a record not visible yet, asked again through the grace.
                task.ResultsMissingSince ??= now;
                var waited = now - task.ResultsMissingSince.Value;
                if (waited >= options.NewTaskGrace)
                {
                    schedule.Finish(task);
                    Finish(task.TaskId, snapshot, new TaskResultsMissingException(task.TaskId, waited), task.Polls, now - task.AddedAt, now);
                    return;
                }
            }
            else if (snapshot.IsFinished)
            {
                schedule.Finish(task);
                Finish(task.TaskId, snapshot, null, task.Polls, now - task.AddedAt, now);
                return;
            }
        }
        else if (error is FourOImageApiException { IsRetryable: true })
        {
            task.LastError = error;
        }
        else if (error is FourOImageApiException { RecordMissing: true } missing && task.VisibleBy is { } visibleBy)
        {
            // Created moments ago: not visible yet rather than unknown, until the grace is over.
            missing.TaskId ??= task.TaskId;
            if (now >= visibleBy)
            {
                schedule.Finish(task);
                Finish(task.TaskId, task.Last, NewTaskGrace.NotFound(task.TaskId, task.CreatedAt!.Value, options.NewTaskGrace, missing), task.Polls, now - task.AddedAt, now);
                return;
            }

            task.LastError = missing;
        }
        else
        {
            if (error is FourOImageApiException { TaskId: null } apiError)
            {
                apiError.TaskId = task.TaskId;
            }

            schedule.Finish(task);
            Finish(task.TaskId, task.Last, error, task.Polls, now - task.AddedAt, now);
            return;
        }

        if (now >= task.Deadline)
        {
            schedule.Finish(task);
            TimeOut(task, now);
            return;
        }

        schedule.Reschedule(task, now);
        NoteChange(task, now);
    }

    // The task's own budget ran out: it is reported in the WaitTimeoutException at the end, not as finished.
    private void TimeOut(TrackedTask task, TimeSpan now)
    {
        timedOut.Add(new WaitOutcome(task.TaskId, task.Last, task.LastError, task.Polls, now - task.AddedAt));
        tally.Changed(new TaskWaitProgress(task.TaskId, TaskWaitState.Failed, task.Polls, now - task.AddedAt, task.Last?.Prompt));
    }

    // The service's echo may lack what the caller knew when it created the task.
    private static void CarryOver(ImageTask? previous, ImageTask snapshot)
    {
        if (previous is null)
        {
            return;
        }

        snapshot.Prompt ??= previous.Prompt;
        snapshot.Size ??= previous.Size;
        snapshot.Variants ??= previous.Variants;
        snapshot.Row ??= previous.Row;
        snapshot.Batch ??= previous.Batch;
        snapshot.Connection ??= previous.Connection;
    }

    private void Finish(string taskId, ImageTask? task, Exception? error, int polls, TimeSpan waited, TimeSpan now)
    {
        var outcome = new WaitOutcome(taskId, task, error, polls, waited);
        ready.Enqueue(outcome);
        var state = outcome.Succeeded ? TaskWaitState.Succeeded : TaskWaitState.Failed;
        tally.Changed(new TaskWaitProgress(taskId, state, polls, waited, task?.Prompt));
    }

    private void NoteChange(TrackedTask task, TimeSpan now) =>
        tally.Changed(new TaskWaitProgress(task.TaskId, TaskWaitState.Waiting, task.Polls, now - task.AddedAt, task.Last?.Prompt));

    private void RaiseFinished()
    {
        var handler = TaskFinished;
        while (true)
        {
            WaitOutcome outcome;
            lock (gate)
            {
                if (ready.Count == 0)
                {
                    return;
                }

                outcome = ready.Dequeue();
            }

            handler?.Invoke(outcome);
        }
    }

    /// <summary>Reports progress when there is news and the interval allows, or as a heartbeat; returns when to look again.</summary>
    private TimeSpan RaiseProgressIfDue(TimeSpan now)
    {
        bool hasNews;
        bool anyRunning;
        bool anyAdded;
        lock (gate)
        {
            hasNews = tally.HasNews;
            anyRunning = schedule.Count > 0;
            anyAdded = tally.Total > 0;
        }

        if (Interlocked.Exchange(ref progressRequested, 0) == 1 && anyAdded)
        {
            RaiseProgress(now, isFinal: false);
            return now + options.ProgressInterval;
        }

        if (!hasNews && !anyRunning)
        {
            return TimeSpan.MaxValue;
        }

        var wait = hasNews ? options.ProgressInterval : Max(HeartbeatInterval, options.ProgressInterval);
        var dueAt = lastProgressAt is { } last ? last + wait : now;
        if (now < dueAt)
        {
            return dueAt;
        }

        RaiseProgress(now, isFinal: false);
        return now + options.ProgressInterval;
    }

    private void RaiseProgress(TimeSpan now, bool isFinal)
    {
        WaitProgress report;
        lock (gate)
        {
            report = tally.TakeReport(now - runStartedAt, isFinal, moreToCome: !completed);
        }

        lastProgressAt = now;
        Progress?.Invoke(report);
    }

    private async Task DrainInFlightAsync()
    {
        while (true)
        {
            var signal = ResetSignal();
            lock (gate)
            {
                if (schedule.InFlight == 0)
                {
                    return;
                }
            }

            await signal.Task.ConfigureAwait(false);
        }
    }

    private async Task SleepAsync(TaskCompletionSource<bool> signal, TimeSpan delay, CancellationToken stop)
    {
        if (signal.Task.IsCompleted)
        {
            return;
        }

        if (delay == TimeSpan.MaxValue || delay > TimeSpan.FromDays(1))
        {
            await signal.Task.ConfigureAwait(false);
            return;
        }

        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stop);
        await Task.WhenAny(signal.Task, clock.Delay(delay, sleep.Token)).ConfigureAwait(false);
        sleep.Cancel();
    }

    // Anything that changes what the loop should do completes the current signal; the loop takes a fresh one
    // before it looks at the state, so no change is missed.
    private TaskCompletionSource<bool> ResetSignal()
    {
        var fresh = NewSignal();
        Volatile.Write(ref wake, fresh);
        return fresh;
    }

    private void Signal() => Volatile.Read(ref wake).TrySetResult(true);

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private enum LoopEnd
    {
        AllEnded,
        Stopped,
    }
}
