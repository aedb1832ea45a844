using System;
using System.Collections.Concurrent;
using FourOImage.Emulator.Api;

namespace FourOImage.Emulator.Tasks;

/// <summary>Creates tasks (ids, generation times and outcomes drawn from the seed) and finds them again.</summary>
internal sealed class TaskStore
{
    private readonly ConcurrentDictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly EmulatorOptions _options;
    private readonly FaultOptions _faults;
    private readonly Random _random;

    // Its own generator, so turning the record delay on does not shift ids, times or outcomes.
    private readonly Random _recordDelays;
    private readonly object _gate = new();

    // nVariants is 1, 2 or 4.
    private const int MaxVariants = 4;

    public TaskStore(EmulatorOptions options, FaultOptions faults)
    {
        _options = options;
        _faults = faults;
        _random = new Random(options.Seed);
        _recordDelays = new Random(unchecked(options.Seed * 7919 + 13));
    }

    public event Action<EmulatedTask>? Created;

    /// <param name="inputFailure">How the task ends when its input images cannot be used; null when they can.</param>
    public EmulatedTask Create(string ownerKey, GenerateRequest request, DateTimeOffset now, TaskOutcome? inputFailure = null)
    {
        string id;
        TimeSpan generationTime;
        double failureRoll;
        bool internalError;
        TimeSpan recordDelay;
        var suffixes = new int[request.Variants];
        lock (_gate)
        {
            // Every draw happens for every task, so changing a rate does not shift later ids or times.
            id = Convert.ToHexStringLower(RandomBytes(16));
            recordDelay = DrawRecordDelay();
            generationTime = DrawGenerationTime();
            failureRoll = _random.NextDouble();
            internalError = _random.Next(2) == 0;
            // As many draws whatever the variants, so the ids of a seed come in the same order however the rows
            // before differ (a test's rows sent concurrently get the same ids, only to other rows).
            for (var i = 0; i < MaxVariants; i++)
            {
                var suffix = _random.Next(10_000);
                if (i < suffixes.Length)
                {
                    suffixes[i] = suffix;
                }
            }
        }

        var outcome = inputFailure
            ?? (_faults.RefusedWordIn(request.Prompt) is not null ? TaskOutcome.ContentPolicy
            : failureRoll < _faults.TaskFailureRate ? (internalError ? TaskOutcome.InternalError : TaskOutcome.GenerateFailed)
            : TaskOutcome.Success);

        var task = new EmulatedTask(id, ownerKey, request, now, now + generationTime, outcome, suffixes) { VisibleAt = now + recordDelay };
        _tasks[id] = task;
        Created?.Invoke(task);
        return task;
    }

    public EmulatedTask? Find(string taskId) => _tasks.TryGetValue(taskId, out var task) ? task : null;

    /// <summary>The task when it exists and belongs to <paramref name="ownerKey"/>.</summary>
    public EmulatedTask? FindOwned(string taskId, string ownerKey) =>
        Find(taskId) is { } task && string.Equals(task.OwnerKey, ownerKey, StringComparison.Ordinal) ? task : null;

    /// <summary>The task and variant index behind a result file name, while that result can be served.</summary>
    public (EmulatedTask Task, int Index)? FindResult(string fileName, DateTimeOffset now)
    {
        var underscore = fileName.IndexOf('_');
        var task = underscore > 0 ? Find(fileName[..underscore]) : null;
        var index = task is not null && task.Succeeded(now) && !task.IsExpired(now) ? task.IndexOfResult(fileName) : -1;
        return index < 0 ? null : (task!, index);
    }

    private TimeSpan DrawGenerationTime()
    {
        var min = _options.MinGenerationTime;
        var max = _options.MaxGenerationTime < min ? min : _options.MaxGenerationTime;
        var drawn = min + (max - min) * _random.NextDouble();
        return _options.FixedGenerationTime ?? drawn;
    }

    private TimeSpan DrawRecordDelay()
    {
        var min = _faults.NewRecordDelay;
        var max = _faults.MaxNewRecordDelay is { } upper && upper > min ? upper : min;
        return min + (max - min) * _recordDelays.NextDouble();
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
