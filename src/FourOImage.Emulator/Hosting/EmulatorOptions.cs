using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace FourOImage.Emulator;

/// <summary>Start-up settings of an <see cref="EmulatorServer"/>. Every property has a sensible default.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Address both listeners bind to.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port of the API (and upload and admin) listener; 0 picks a free port.</summary>
    public int ApiPort { get; set; }

    /// <summary>Port of the image host that serves result images and uploads; 0 picks a free port.</summary>
    public int ImagePort { get; set; }

    /// <summary>Accepted bearer keys. Default: one random key "emu_" + 32 hex characters.</summary>
    public IList<string> ApiKeys { get; set; } = new List<string> { NewApiKey() };

    /// <summary>Starting balance of every key.</summary>
    public decimal InitialCredits { get; set; } = 1000m;

    /// <summary>Debited per image (per variant) when a task is created.</summary>
    public decimal CreditsPerImage { get; set; } = 1.5m;

    public TimeSpan MinGenerationTime { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxGenerationTime { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>When set, every task takes exactly this long (benchmarks, tests).</summary>
    public TimeSpan? FixedGenerationTime { get; set; }

    /// <summary>Task ids, generation times, task failures, faults and images are deterministic from it.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Tests: the emulator's clock moves only by <see cref="EmulatorServer.AdvanceClock"/>, so what depends on time
    /// (generation, invisible records, expiry) does not depend on how busy the machine is.
    /// </summary>
    public bool ClockStopped { get; set; }

    /// <summary>Bandwidth of the image host in bytes per second, shared by all its responses; null = unlimited.</summary>
    public long? ImageBytesPerSecond { get; set; }

    /// <summary>
    /// Benchmarks: render only this many pictures per size and tell result images apart by a PNG text chunk naming
    /// task and variant, so serving an image costs a copy instead of a render. Null (default): every image is its own picture.
    /// </summary>
    public int? DistinctPictures { get; set; }

    /// <summary>
    /// Share of result images (0..1, drawn from <see cref="Seed"/>, task and variant) that carry content credentials: a
    /// caBX chunk holding a C2PA box, as signed GPT-4o output does. Default 0: none.
    /// </summary>
    public double ContentCredentialsRate { get; set; }

    public FaultOptions Faults { get; set; } = new();

    /// <summary>
    /// While a task generates, record-info's progress is the share of its generation time gone by ("0.48", "0.50", as the
    /// vendor's docs show; at most "0.99"), instead of "0.00" until it ends (as live).
    /// </summary>
    public bool FractionalProgress { get; set; }

    /// <summary>A successful task's errorMessage is "" (the vendor spec) instead of null (live).</summary>
    public bool EmptyErrorMessageOnSuccess { get; set; }

    /// <summary>The msg of a success callback: "success" (default), or the variant "Gpt4o-image generated successfully.".</summary>
    public string CallbackSuccessMessage { get; set; } = CallbackSuccessMessages.Success;

    /// <summary>
    /// The service's submission window: at most this many new generation requests per key in any
    /// <see cref="SubmissionWindowLength"/>; the excess is answered with code 429 and dropped. 0 turns it off.
    /// Also live through <see cref="EmulatorServer.SubmissionWindow"/>.
    /// </summary>
    public int SubmissionLimit { get; set; } = SubmissionWindow.DefaultLimit;

    /// <summary>The length of the sliding submission window (the service's is 10 seconds).</summary>
    public TimeSpan SubmissionWindowLength { get; set; } = SubmissionWindow.DefaultLength;

    /// <summary>Deliver every callback a second time after it succeeded (the service may do so; handlers must be idempotent).</summary>
    public bool DeliverCallbacksTwice { get; set; }

    /// <summary>Share of tasks (0..1, drawn from <see cref="Seed"/>) whose callback is delivered a second time; the service "sometimes" does.</summary>
    public double CallbackDuplicateRate { get; set; }

    /// <summary>
    /// Multiplies the service's callback retry intervals (1, 5 and 15 minutes). Tests use e.g. 0.0001 (6, 30, 90 ms).
    /// Retries are scheduled on the emulator clock, so <see cref="EmulatorServer.AdvanceClock"/> also brings them forward.
    /// </summary>
    public double CallbackRetryScale { get; set; } = 1.0;

    /// <summary>How long a callback POST may take before it counts as failed.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// When set, callbacks are signed as kie.ai does it: X-Webhook-Timestamp (unix seconds) and
    /// X-Webhook-Signature = base64(HMAC-SHA256(key, taskId + "." + timestamp)).
    /// </summary>
    public string? CallbackSigningKey { get; set; }

    internal static string NewApiKey() => "emu_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
