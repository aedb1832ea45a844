using System;
using System.Collections.Generic;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Urls_sets_host_and_api_port()
    {
        var options = EmulatorCommandLine.Parse(new[] { "--urls", "http://127.0.0.1:5077" }, NoEnvironment);
        Assert.Equal(("127.0.0.1", 5077), (options.Host, options.ApiPort));
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = EmulatorCommandLine.Parse(new[]
        {
            "--image-port=5078", "--keys", "k1, k2", "--credits", "20.5", "--credits-per-image", "2",
            "--generation-time", "0.25", "--min-generation-time", "1", "--max-generation-time", "3", "--seed", "9",
            "--image-bytes-per-second", "1000000", "--distinct-pictures", "8", "--content-credentials", "0.5", "--task-failure-rate", "0.1", "--refused-words", "gore,blood",
            "--faults", "generate:code500=0.1,image:truncate=0.05,credit:slow=0.5", "--slow-delay", "0.5",
            "--callback-retry-scale", "0.01", "--deliver-callbacks-twice", "true", "--callback-signing-key", "s3cret",
            "--callback-duplicate-rate", "0.25", "--submission-limit", "40", "--submission-window", "2.5",
            "--new-record-delay", "1.5", "--max-new-record-delay", "4", "--invisible-record-answer", "data-null", "--insufficient-credits-code", "429",
            "--text-field", "message", "--error-code-form", "word", "--results-delay", "2", "--missing-results-answer", "empty-result-urls",
            "--fractional-progress", "true", "--empty-error-message", "true", "--callback-success-message", "Gpt4o-image generated successfully.",
        }, NoEnvironment);

        Assert.Equal(5078, options.ImagePort);
        Assert.Equal(new[] { "k1", "k2" }, options.ApiKeys);
        Assert.Equal((20.5m, 2m), (options.InitialCredits, options.CreditsPerImage));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.FixedGenerationTime);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), (options.MinGenerationTime, options.MaxGenerationTime));
        Assert.Equal(9, options.Seed);
        Assert.Equal(1_000_000, options.ImageBytesPerSecond);
        Assert.Equal(8, options.DistinctPictures);
        Assert.Equal(0.5, options.ContentCredentialsRate);
        Assert.Equal(0.1, options.Faults.TaskFailureRate);
        Assert.Equal(new[] { "gore", "blood" }, options.Faults.RefusedWords);
        Assert.Equal(0.1, options.Faults.For("generate").Code500);
        Assert.Equal(0.05, options.Faults.For("image").Truncate);
        Assert.Equal((0.5, TimeSpan.FromSeconds(0.5)), (options.Faults.For("credit").Slow, options.Faults.For("credit").SlowDelay));
        Assert.Equal(0.01, options.CallbackRetryScale);
        Assert.True(options.DeliverCallbacksTwice);
        Assert.Equal("s3cret", options.CallbackSigningKey);
        Assert.Equal(0.25, options.CallbackDuplicateRate);
        Assert.Equal((40, TimeSpan.FromSeconds(2.5)), (options.SubmissionLimit, options.SubmissionWindowLength));
        Assert.Equal((TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4)), (options.Faults.NewRecordDelay, options.Faults.MaxNewRecordDelay));
        Assert.Equal((InvisibleRecordAnswer.DataNull, 429), (options.Faults.InvisibleRecordAnswer, options.Faults.InsufficientCreditsCode));
        Assert.Equal((EnvelopeTextField.Message, ErrorCodeForm.Word), (options.Faults.TextField, options.Faults.ErrorCodeForm));
        Assert.Equal((TimeSpan.FromSeconds(2), MissingResultsAnswer.EmptyResultUrls), (options.Faults.ResultsDelay, options.Faults.MissingResultsAnswer));
        Assert.Equal((true, true, "Gpt4o-image generated successfully."), (options.FractionalProgress, options.EmptyErrorMessageOnSuccess, options.CallbackSuccessMessage));
    }

    [Fact]
    public void The_submission_window_is_on_by_default_as_the_service_has_it_and_0_turns_it_off()
    {
        var defaults = EmulatorCommandLine.Parse(Array.Empty<string>(), NoEnvironment);
        Assert.Equal((20, TimeSpan.FromSeconds(10)), (defaults.SubmissionLimit, defaults.SubmissionWindowLength));

        var environment = new Dictionary<string, string> { ["FOUROIMAGE_EMULATOR_SUBMISSION_LIMIT"] = "0" };
        Assert.Equal(0, EmulatorCommandLine.Parse(Array.Empty<string>(), name => environment.GetValueOrDefault(name)).SubmissionLimit);
    }

    [Fact]
    public void Environment_variables_apply_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["FOUROIMAGE_EMULATOR_SEED"] = "5",
            ["FOUROIMAGE_EMULATOR_IMAGE_PORT"] = "6000",
        };
        var options = EmulatorCommandLine.Parse(new[] { "--seed", "6" }, name => environment.GetValueOrDefault(name));
        Assert.Equal((6, 6000), (options.Seed, options.ImagePort));
    }

    [Fact]
    public void Without_keys_one_random_emu_key_is_made()
    {
        var options = EmulatorCommandLine.Parse(Array.Empty<string>(), NoEnvironment);
        Assert.Matches("^emu_[0-9a-f]{32}$", Assert.Single(options.ApiKeys));
    }

    [Theory]
    [InlineData("--sed", "1", "--sed")]
    [InlineData("--seed", "x", "--seed")]
    [InlineData("--task-failure-rate", "2", "--task-failure-rate")]
    [InlineData("--faults", "generate:explode=0.1", "--faults")]
    [InlineData("--faults", "nowhere:drop=0.1", "--faults")]
    [InlineData("--image-port", "70000", "--image-port")]
    [InlineData("--submission-limit", "-1", "--submission-limit")]
    [InlineData("--submission-window", "0", "--submission-window")]
    [InlineData("--insufficient-credits-code", "403", "--insufficient-credits-code")]
    [InlineData("--invisible-record-answer", "maybe", "--invisible-record-answer")]
    [InlineData("--new-record-delay", "-1", "--new-record-delay")]
    [InlineData("seed", "1", "seed")]
    public void Bad_options_are_errors_naming_the_option(string name, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(new[] { name, value }, NoEnvironment));
        Assert.Contains(named, error.Message);
    }
}
