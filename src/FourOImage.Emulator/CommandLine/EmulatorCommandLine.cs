using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FourOImage.Emulator;

/// <summary>
/// Turns command-line arguments (<c>--name value</c> or <c>--name=value</c>) and environment variables
/// (<c>FOUROIMAGE_EMULATOR_NAME</c>, e.g. FOUROIMAGE_EMULATOR_IMAGE_PORT; the command line wins) into <see cref="EmulatorOptions"/>.
/// </summary>
public static class EmulatorCommandLine
{
    public const string EnvironmentPrefix = "FOUROIMAGE_EMULATOR_";

    /// <summary>The command users type: the .NET tool's name (ToolCommandName), not the assembly's.</summary>
    public const string CommandName = "fouroimage-emulator";

    public const string Usage = """
        Usage: fouroimage-emulator [options]
          --urls http://127.0.0.1:5077    host and port of the API (the first URL is used)
          --host 127.0.0.1                address both listeners bind to
          --api-port 5077                 API port (0 = free port)
          --image-port 5078               image host port (0 = free port)
          --keys k1,k2                    accepted API keys (default: one random key)
          --credits 1000                  starting credits per key
          --credits-per-image 1.5         debited per image
          --generation-time 3             every task takes this many seconds
          --min-generation-time 2         otherwise a uniform draw between min and max seconds
          --max-generation-time 6
          --submission-limit 20           new generation requests per key per window; the excess is a 429 (0 = off)
          --submission-window 10          length of the sliding submission window in seconds
          --seed 1                        ids, times, failures, faults and images repeat for a seed
          --image-bytes-per-second N      bandwidth of the image host, shared by all downloads
          --distinct-pictures 8           render only 8 pictures per size; images differ by a text chunk (benchmarks)
          --content-credentials 0.5       share of result images with a caBX (C2PA) chunk, as signed GPT-4o output
          --task-failure-rate 0.1         share of tasks that fail (successFlag 2 or 3)
          --refused-words w1,w2           prompts with these words fail the content policy
          --new-record-delay 3            new tasks' records stay invisible to record-info this many seconds
          --max-new-record-delay 5        otherwise a draw between --new-record-delay and this
          --invisible-record-answer data-null
                                          how an invisible record is answered: record-is-null (422) or data-null (200)
          --insufficient-credits-code 429 code of the answer to an empty balance: 402, 429 or 500
          --text-field message            the envelope's text under msg (default) or message (the platform's newer API)
          --error-code-form word          a failed task's errorCode: number (default), text ("500") or word (GENERATION_FAILED)
          --results-delay 3               successful tasks show no results this many seconds (download-url: 422)
          --missing-results-answer empty-result-urls
                                          how: response-null (default), empty-result-urls or no-result-urls
          --fractional-progress true      progress "0.48", "0.50"... while generating (the docs' form), not "0.00"
          --empty-error-message true      errorMessage "" on success (the vendor spec), not null
          --callback-success-message "Gpt4o-image generated successfully."
                                          msg of a success callback (default: success)
          --faults generate:code500=0.1,image:truncate=0.05
                                          per-endpoint fault rates; kinds: code429 code455 code500 code550
                                          badgateway slow drop truncate lostanswer edgerefusal; endpoints: generate record-info
                                          download-url credit upload image
          --slow-delay 2                  seconds a slow answer takes
          --callback-retry-scale 1        multiplies the 1, 5, 15 minute callback retries
          --deliver-callbacks-twice true  deliver every callback a second time
          --callback-duplicate-rate 0.1   share of callbacks delivered a second time
          --callback-signing-key K        sign callbacks (X-Webhook-Timestamp, X-Webhook-Signature)
        Every option can also come from FOUROIMAGE_EMULATOR_<NAME> (dashes as underscores).
        """;

    private static readonly string[] Names =
    {
        "urls", "host", "api-port", "image-port", "keys", "credits", "credits-per-image", "generation-time",
        "min-generation-time", "max-generation-time", "submission-limit", "submission-window", "seed", "image-bytes-per-second", "distinct-pictures", "content-credentials", "task-failure-rate",
        "refused-words", "new-record-delay", "max-new-record-delay", "invisible-record-answer", "insufficient-credits-code", "text-field", "error-code-form", "results-delay", "missing-results-answer",
        "fractional-progress", "empty-error-message", "callback-success-message", "faults", "slow-delay", "callback-retry-scale", "deliver-callbacks-twice", "callback-duplicate-rate", "callback-signing-key",
    };

    /// <exception cref="ArgumentException">An unknown option or a bad value; the message names the option.</exception>
    public static EmulatorOptions Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        var values = FromEnvironment(environment ?? Environment.GetEnvironmentVariable);
        foreach (var (name, value) in FromArguments(args))
        {
            values[name] = value;
        }

        var options = new EmulatorOptions();
        foreach (var (name, value) in values.OrderBy(p => p.Key == "faults")) // faults last: it needs slow-delay
        {
            try
            {
                Apply(options, name, value, values);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or UriFormatException)
            {
                throw new ArgumentException($"--{name}: {e.Message}", e);
            }
        }

        return options;
    }

    private static Dictionary<string, string> FromEnvironment(Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Names)
        {
            if (environment(EnvironmentPrefix + name.Replace('-', '_').ToUpperInvariant()) is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        return values;
    }

    private static IEnumerable<(string Name, string Value)> FromArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'. Options look like --name value.\n{Usage}");
            }

            var equals = arg.IndexOf('=');
            var name = (equals < 0 ? arg[2..] : arg[2..equals]).ToLowerInvariant();
            if (!Names.Contains(name))
            {
                throw new ArgumentException($"Unknown option '--{name}'.\n{Usage}");
            }

            if (equals >= 0)
            {
                yield return (name, arg[(equals + 1)..]);
            }
            else if (i + 1 < args.Count)
            {
                yield return (name, args[++i]);
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }
    }

    private static void Apply(EmulatorOptions options, string name, string value, IReadOnlyDictionary<string, string> all)
    {
        switch (name)
        {
            case "urls":
                var uri = new Uri(value.Split(';')[0].Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
                options.Host = uri.Host;
                options.ApiPort = uri.Port;
                break;
            case "host": options.Host = value; break;
            case "api-port": options.ApiPort = Port(value); break;
            case "image-port": options.ImagePort = Port(value); break;
            case "keys": options.ApiKeys = List(value); break;
            case "credits": options.InitialCredits = decimal.Parse(value, CultureInfo.InvariantCulture); break;
            case "credits-per-image": options.CreditsPerImage = decimal.Parse(value, CultureInfo.InvariantCulture); break;
            case "generation-time": options.FixedGenerationTime = Seconds(value); break;
            case "min-generation-time": options.MinGenerationTime = Seconds(value); break;
            case "max-generation-time": options.MaxGenerationTime = Seconds(value); break;
            case "submission-limit": options.SubmissionLimit = NonNegative(int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "submission-window": options.SubmissionWindowLength = Positive(Seconds(value)); break;
            case "seed": options.Seed = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "image-bytes-per-second": options.ImageBytesPerSecond = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "distinct-pictures": options.DistinctPictures = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "content-credentials": options.ContentCredentialsRate = Rate(value); break;
            case "task-failure-rate": options.Faults.TaskFailureRate = Rate(value); break;
            case "refused-words": options.Faults.RefusedWords = List(value); break;
            case "new-record-delay": options.Faults.NewRecordDelay = NonNegative(Seconds(value)); break;
            case "max-new-record-delay": options.Faults.MaxNewRecordDelay = NonNegative(Seconds(value)); break;
            case "invisible-record-answer": options.Faults.InvisibleRecordAnswer = InvisibleAnswer(value); break;
            case "insufficient-credits-code": options.Faults.InsufficientCreditsCode = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "text-field": options.Faults.TextField = Enum.Parse<EnvelopeTextField>(value.Trim(), ignoreCase: true); break;
            case "error-code-form": options.Faults.ErrorCodeForm = Enum.Parse<ErrorCodeForm>(value.Trim(), ignoreCase: true); break;
            case "results-delay": options.Faults.ResultsDelay = NonNegative(Seconds(value)); break;
            case "missing-results-answer": options.Faults.MissingResultsAnswer = MissingAnswer(value); break;
            case "fractional-progress": options.FractionalProgress = bool.Parse(value); break;
            case "empty-error-message": options.EmptyErrorMessageOnSuccess = bool.Parse(value); break;
            case "callback-success-message": options.CallbackSuccessMessage = value; break;
            case "faults":
                var delay = all.TryGetValue("slow-delay", out var d) ? Seconds(d) : (TimeSpan?)null;
                ApplyFaultRates(options.Faults, value, delay);
                break;
            case "slow-delay": break; // read together with faults
            case "callback-retry-scale": options.CallbackRetryScale = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "deliver-callbacks-twice": options.DeliverCallbacksTwice = bool.Parse(value); break;
            case "callback-duplicate-rate": options.CallbackDuplicateRate = Rate(value); break;
            case "callback-signing-key": options.CallbackSigningKey = value; break;
        }
    }

    private static void ApplyFaultRates(FaultOptions faults, string spec, TimeSpan? slowDelay)
    {
        foreach (var item in List(spec))
        {
            var colon = item.IndexOf(':');
            var equals = item.IndexOf('=');
            if (colon <= 0 || equals < colon)
            {
                throw new FormatException($"'{item}' is not endpoint:kind=rate.");
            }

            var rates = faults.For(item[..colon]);
            var rate = Rate(item[(equals + 1)..]);
            switch (item[(colon + 1)..equals].ToLowerInvariant())
            {
                case "code429": rates.Code429 = rate; break;
                case "code455": rates.Code455 = rate; break;
                case "code500": rates.Code500 = rate; break;
                case "code550": rates.Code550 = rate; break;
                case "badgateway": rates.BadGateway = rate; break;
                case "slow": rates.Slow = rate; break;
                case "drop": rates.Drop = rate; break;
                case "truncate": rates.Truncate = rate; break;
                case "lostanswer": rates.LostAnswer = rate; break;
                case "edgerefusal": rates.EdgeRefusal = rate; break;
                default: throw new FormatException($"Unknown fault kind in '{item}'.");
            }

            if (slowDelay is { } delay)
            {
                rates.SlowDelay = delay;
            }
        }
    }

    private static List<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static int Port(string value)
    {
        var port = int.Parse(value, CultureInfo.InvariantCulture);
        return port is >= 0 and <= 65535 ? port : throw new FormatException("A port is 0 to 65535.");
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));

    private static int NonNegative(int value) => value >= 0 ? value : throw new FormatException("The value must not be negative.");

    private static TimeSpan NonNegative(TimeSpan value) => value >= TimeSpan.Zero ? value : throw new FormatException("The value must not be negative.");

    private static InvisibleRecordAnswer InvisibleAnswer(string value) => value.Trim().ToLowerInvariant() switch
    {
        "record-is-null" => InvisibleRecordAnswer.RecordIsNull,
        "data-null" => InvisibleRecordAnswer.DataNull,
        _ => throw new FormatException("Use record-is-null or data-null."),
    };

    private static MissingResultsAnswer MissingAnswer(string value) => value.Trim().ToLowerInvariant() switch
    {
        "response-null" => MissingResultsAnswer.ResponseNull,
        "empty-result-urls" => MissingResultsAnswer.EmptyResultUrls,
        "no-result-urls" => MissingResultsAnswer.NoResultUrls,
        _ => throw new FormatException("Use response-null, empty-result-urls or no-result-urls."),
    };

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : throw new FormatException("The value must be positive.");

    private static double Rate(string value)
    {
        var rate = double.Parse(value, CultureInfo.InvariantCulture);
        return rate is >= 0 and <= 1 ? rate : throw new FormatException("A rate is 0 to 1.");
    }
}
