using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Emulator;

/// <summary>
/// Fault injection, live: change it at any time through <see cref="EmulatorServer.Faults"/> or the admin endpoint
/// (GET/PUT/DELETE /admin/faults, POST /admin/faults/enqueue).
/// <para>
/// Random faults: <see cref="TaskFailureRate"/>, <see cref="RefusedWords"/> and per-endpoint <see cref="Endpoints"/> rates,
/// drawn from a Random seeded with <see cref="EmulatorOptions.Seed"/>, so a run is repeatable.
/// </para>
/// <para>
/// Scripted faults, for tests that need exact control: <c>server.Faults.Enqueue("record-info", Fault.WithBodyCode(500), count: 2)</c>
/// makes the next two record-info calls answer code 500, then the endpoint behaves normally again.
/// Scripted faults are used before any random rate. Endpoint names: see <see cref="EmulatorEndpoints"/>
/// ("generate", "record-info", "download-url", "credit", "upload", "image").
/// </para>
/// </summary>
public sealed class FaultOptions
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<Fault>> _scripted = new(StringComparer.OrdinalIgnoreCase);
    private ConcurrentDictionary<string, EndpointFaultRates> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private List<string> _refusedWords = new();
    private int _insufficientCreditsCode = 402;

    /// <summary>Share of tasks (0..1) that end failed: successFlag 2 (GENERATE_FAILED, 500, "Please try again later") or 3 ("Internal Error").</summary>
    public double TaskFailureRate { get; set; }

    /// <summary>
    /// A prompt containing one of these words (case-insensitive) ends with a content-policy failure (successFlag 3,
    /// errorCode 400). Reading gives a read-only snapshot; assign a new list to change it.
    /// </summary>
    public IList<string> RefusedWords
    {
        get { lock (_gate) { return _refusedWords.AsReadOnly(); } }
        set { lock (_gate) { _refusedWords = new List<string>(value ?? Array.Empty<string>()); } }
    }

    /// <summary>
    /// How long a new task's record stays invisible to record-info after generate answered (the live service may answer
    /// "record is null" or empty data for a few seconds). Zero by default.
    /// </summary>
    public TimeSpan NewRecordDelay { get; set; }

    /// <summary>When set, each new task's delay is drawn (from the seed) between <see cref="NewRecordDelay"/> and this.</summary>
    public TimeSpan? MaxNewRecordDelay { get; set; }

    /// <summary>How record-info answers for a record not visible yet: code 422 "record is null" (default) or code 200 with data null.</summary>
    public InvisibleRecordAnswer InvisibleRecordAnswer { get; set; }

    /// <summary>Every envelope's text under "msg" (default) or under "message", as the platform's newer API writes it.</summary>
    public EnvelopeTextField TextField { get; set; }

    /// <summary>How a failed task's errorCode is written: a number (default), as text ("500"), or the word "GENERATION_FAILED".</summary>
    public ErrorCodeForm ErrorCodeForm { get; set; }

    /// <summary>
    /// For this long after a task succeeds, record-info shows it with successFlag 1 but without its results (as
    /// <see cref="MissingResultsAnswer"/> says) and download-url refuses it with the matching 422 ("record result data is
    /// blank", "... is empty", "... not exist"). Zero by default; <see cref="TimeSpan.MaxValue"/> for ever.
    /// </summary>
    public TimeSpan ResultsDelay { get; set; }

    /// <summary>How a success without results looks during <see cref="ResultsDelay"/>: response null (default), an empty resultUrls, or a response without resultUrls.</summary>
    public MissingResultsAnswer MissingResultsAnswer { get; set; }

    /// <summary>
    /// The code generate answers when the balance does not cover the images: 402 (default); 429 with the same message,
    /// "The current credits are insufficient. Please top up." (live on the platform's sibling endpoints); or 500 with
    /// "Credits insufficient : Your current balance isn't enough to run this request".
    /// </summary>
    public int InsufficientCreditsCode
    {
        get => _insufficientCreditsCode;
        set => _insufficientCreditsCode = value is 402 or 429 or 500
            ? value
            : throw new ArgumentOutOfRangeException(nameof(InsufficientCreditsCode), value, "InsufficientCreditsCode is 402, 429 or 500.");
    }

    /// <summary>Random fault rates per endpoint name. <see cref="For"/> creates an entry on first use.</summary>
    public IDictionary<string, EndpointFaultRates> Endpoints
    {
        get => _endpoints;
        set => _endpoints = new ConcurrentDictionary<string, EndpointFaultRates>(
            (value ?? new Dictionary<string, EndpointFaultRates>()).Select(p => new KeyValuePair<string, EndpointFaultRates>(EmulatorEndpoints.RequireFaultable(p.Key), p.Value)),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rates of one endpoint, created empty when missing.</summary>
    public EndpointFaultRates For(string endpoint) => _endpoints.GetOrAdd(EmulatorEndpoints.RequireFaultable(endpoint), _ => new EndpointFaultRates());

    /// <summary>Makes the next <paramref name="count"/> calls to <paramref name="endpoint"/> fail with <paramref name="fault"/>.</summary>
    public void Enqueue(string endpoint, Fault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var name = EmulatorEndpoints.RequireFaultable(endpoint);
        lock (_gate)
        {
            if (!_scripted.TryGetValue(name, out var queue))
            {
                _scripted[name] = queue = new Queue<Fault>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Scripted faults still waiting for a call to <paramref name="endpoint"/>.</summary>
    public int PendingScripted(string endpoint)
    {
        lock (_gate)
        {
            return _scripted.TryGetValue(EmulatorEndpoints.RequireFaultable(endpoint), out var queue) ? queue.Count : 0;
        }
    }

    /// <summary>Removes every scripted fault, random rate, refused word, record and results delay; credits are answered with 402 again.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _scripted.Clear();
            _refusedWords = new List<string>();
        }

        _endpoints.Clear();
        TaskFailureRate = 0;
        NewRecordDelay = TimeSpan.Zero;
        MaxNewRecordDelay = null;
        InvisibleRecordAnswer = InvisibleRecordAnswer.RecordIsNull;
        ErrorCodeForm = ErrorCodeForm.Number;
        TextField = EnvelopeTextField.Msg;
        ResultsDelay = TimeSpan.Zero;
        MissingResultsAnswer = MissingResultsAnswer.ResponseNull;
        InsufficientCreditsCode = 402;
    }

    /// <summary>Takes the rates, words and answers of <paramref name="other"/>; scripted faults stay.</summary>
    public void CopyFrom(FaultOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        TaskFailureRate = other.TaskFailureRate;
        RefusedWords = other.RefusedWords.ToList();
        Endpoints = other.Endpoints.ToDictionary(p => p.Key, p => p.Value.Clone());
        NewRecordDelay = other.NewRecordDelay;
        MaxNewRecordDelay = other.MaxNewRecordDelay;
        InvisibleRecordAnswer = other.InvisibleRecordAnswer;
        ErrorCodeForm = other.ErrorCodeForm;
        TextField = other.TextField;
        ResultsDelay = other.ResultsDelay;
        MissingResultsAnswer = other.MissingResultsAnswer;
        InsufficientCreditsCode = other.InsufficientCreditsCode;
    }

    internal Fault? TakeScripted(string endpoint)
    {
        lock (_gate)
        {
            return _scripted.TryGetValue(endpoint, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    /// <summary>Whether a task that succeeded at <paramref name="completeTime"/> shows its results at <paramref name="now"/>.</summary>
    internal bool ResultsShown(DateTimeOffset completeTime, DateTimeOffset now) => now - completeTime >= ResultsDelay;

    internal EndpointFaultRates? RatesOf(string endpoint) => _endpoints.TryGetValue(endpoint, out var rates) ? rates : null;

    internal string? RefusedWordIn(string? prompt)
    {
        if (string.IsNullOrEmpty(prompt))
        {
            return null;
        }

        string[] words;
        lock (_gate)
        {
            words = _refusedWords.ToArray();
        }

        return words.FirstOrDefault(w => !string.IsNullOrWhiteSpace(w) && prompt.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
