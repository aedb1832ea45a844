using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Gallery;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Waiting;

namespace FourOImage.Commands;

/// <summary>
/// New-4oImage: creates one image task per record (command line or CSV row). Every per-row parameter binds by
/// property name with aliases for likely CSV headers; an empty cell means "not given". Records are created
/// concurrently (-ThrottleLimit) and each task is emitted as soon as it exists, or, with -Wait, as soon as it finishes.
/// </summary>
[Cmdlet(VerbsCommon.New, "4oImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ImageTask))]
public sealed class New4oImageCommand : FourOImageCmdlet
{
    private GenerateOperation? _operation;
    private JournalRun? _journal;
    private bool _unknownColumnsWarned;

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Text")]
    [PipelineText]
    public string? Prompt { get; set; }

    /// <summary>Aspect ratio: 1:1 (default), 3:2 or 2:3.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Ratio", "Aspect", "AspectRatio")]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(SizeCompleter))]
    public string? Size { get; set; }

    /// <summary>Up to 5 public image URLs to edit or use as reference. One CSV cell may hold several, separated by ';'.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("FilesUrl", "FileUrl", "Image", "Images", "ImageUrls")]
    [TextList]
    public string[]? ImageUrl { get; set; }

    /// <summary>Local image files (png, jpg, jpeg, webp, jfif, pjpeg, pjp; up to 25 MiB each), uploaded first.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ImageFile", "File", "Files")]
    [TextList]
    public string[]? ImagePath { get; set; }

    /// <summary>Mask image URL: black = edit, white = keep; only with exactly one input image.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Mask")]
    [EmptyAsNull]
    public string? MaskUrl { get; set; }

    /// <summary>Local mask file, uploaded first.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("MaskFile")]
    [EmptyAsNull]
    public string? MaskPath { get; set; }

    /// <summary>Images to generate: 1 (default), 2 or 4.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("nVariants", "n", "Count")]
    [VariantsTransformation]
    [ArgumentCompleter(typeof(VariantsCompleter))]
    public int? Variants { get; set; }

    /// <summary>Let the service enhance the prompt.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("isEnhance")]
    [BooleanText(nameof(Enhance))]
    public SwitchParameter Enhance { get; set; }

    /// <summary>Fall back to another model when GPT-4o is unavailable.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Fallback")]
    [BooleanText(nameof(EnableFallback))]
    public SwitchParameter EnableFallback { get; set; }

    /// <summary>GPT_IMAGE_1 or FLUX_MAX (the service's default); only with -EnableFallback.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNull]
    [ArgumentCompleter(typeof(FallbackModelCompleter))]
    public string? FallbackModel { get; set; }

    /// <summary>Have the service put the result images on its servers in China (uploadCn).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("UploadChina", "UploadToChina", "China")]
    [BooleanText(nameof(UploadCn))]
    public SwitchParameter UploadCn { get; set; }

    /// <summary>Webhook the service POSTs to when the task ends.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Callback", "Webhook")]
    [EmptyAsNull]
    public string? CallbackUrl { get; set; }

    /// <summary>Wait for the tasks and emit each when it finishes, instead of when it is created.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>
    /// Each row's time, in seconds or as a TimeSpan (default 10 minutes): to be accepted by the service, counted from its
    /// first request (refusals that create no task are waited out until then), and with -Wait to finish, counted from
    /// when its task was created.
    /// </summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [TimeoutTransformation]
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// The account's submission limit: new tasks the service accepts per 10 seconds (default 20, or
    /// FOUROIMAGE_SUBMISSION_LIMIT, or Connect-4oImage -SubmissionLimit). 0 turns the pacing off.
    /// </summary>
    [Parameter]
    [ValidateRange(0, ClientOptions.MaxSubmissionLimit)]
    public int? SubmissionLimit { get; set; }

    /// <summary>Records created at once (uploads included). Default 8.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ThrottledOperation.DefaultThrottleLimit;

    /// <summary>The upload service's base URL for -ImagePath and -MaskPath.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? UploadBaseUrl { get; set; }

    /// <summary>
    /// Batch journal file (JSON lines). A re-run with the same journal emits the tasks earlier runs created instead of
    /// creating (and paying for) them again, and warns about rows sent without a recorded answer.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <summary>With -Journal: send again the rows whose outcome is unknown (a task may already exist and be charged).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>With -Journal: create a new task (new credits) for each row whose task failed in an earlier run.</summary>
    [Parameter]
    public SwitchParameter RetryFailed { get; set; }

    /// <summary>
    /// Run every row, then end with one terminating error when any row gave no image (failed, or not sent), so a script
    /// exits non-zero and an Azure Automation job fails; the last FourOImage command of the line throws it.
    /// </summary>
    [Parameter]
    public SwitchParameter FailOnError { get; set; }

    protected override Uri? UploadBaseUrlOverride => UploadBaseUrl;

    protected override bool IsBatchStage => true;

    protected override bool FailOnErrorRequested => FailOnError;

    protected override IEnumerable<BatchRecord> Batches => _operation is null ? Array.Empty<BatchRecord>() : new[] { _operation.Batch };

    protected override int? SubmissionLimitOverride => SubmissionLimit;

    protected override string TerminatingErrorArea => PipelineErrors.Areas.Generate;

    protected override void Begin()
    {
        // What the command line's binding could not read stops the command, as PowerShell's own binding errors do.
        if (BindingProblems.Take() is { Count: > 0 } problems)
        {
            ThrowTerminating(PipelineErrors.InvalidArgument(PipelineErrors.Areas.Generate, string.Join(" ", problems), null));
        }

        WaitOptions? waitOptions = null;
        if (Wait)
        {
            waitOptions = new WaitOptions();
            if (Timeout is TimeSpan timeout)
            {
                waitOptions.Timeout = timeout;
            }
        }

        FourOImageClient client = CreateClient();
        _operation = new GenerateOperation(Sink, client, ThrottleLimit, waitOptions, Cancellation) { NumberRows = MyInvocation.ExpectingInput };
        if (Timeout is TimeSpan rowTime)
        {
            _operation.RowTimeout = rowTime;
        }

        if (Journal != null)
        {
            _journal = OpenJournal(client);
            _operation.Journal = _journal;
            _operation.ResendUnknown = Force;
            _operation.RetryFailed = RetryFailed;
            if (_journal.Journal.DescribeResume(Force, RetryFailed) is { } resuming)
            {
                WriteWarning(resuming);
            }
        }
        else if (RetryFailed)
        {
            WriteWarning("-RetryFailed applies only with -Journal: without a journal New-4oImage has no record of which rows failed.");
        }
    }

    protected override void Process()
    {
        var input = new GenerateInput
        {
            Prompt = Prompt,
            Size = Size,
            ImageUrl = ImageUrl,
            MaskUrl = MaskUrl,
            Variants = Variants,
            Enhance = Enhance,
            EnableFallback = EnableFallback,
            FallbackModel = FallbackModel,
            UploadCn = UploadCn,
            CallbackUrl = CallbackUrl,
        };
        foreach (string problem in BindingProblems.Take())
        {
            input.BindingProblems.Add(problem);
        }

        WarnOfUnknownColumns(Prompt is null ? PipelineTextAttribute.TakeRecord() : null);

        // A path on a missing drive or on another provider fails this row only; whether the file exists and is an
        // image is checked before its upload.
        input.ImagePath = ImagePath is null ? null : Array.ConvertAll(ImagePath, path => ResolveRowPath(path, nameof(ImagePath), input));
        input.MaskPath = MaskPath is null ? null : ResolveRowPath(MaskPath, nameof(MaskPath), input);
        _operation!.Submit(input);
    }

    // A row without a prompt column whose other columns include names no parameter or alias knows ("prompt " with a
    // trailing space, "Promt"): said once, with those names, since every such row would go without its prompt.
    private void WarnOfUnknownColumns(PSObject? row)
    {
        if (row is null || _unknownColumnsWarned)
        {
            return;
        }

        var known = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in MyInvocation.MyCommand.Parameters.Values)
        {
            known.Add(parameter.Name);
            known.UnionWith(parameter.Aliases);
        }

        var unknown = new System.Collections.Generic.List<string>();
        foreach (var property in row.Properties)
        {
            if (!known.Contains(property.Name))
            {
                unknown.Add("'" + property.Name + "'");
            }
        }

        if (unknown.Count > 0)
        {
            _unknownColumnsWarned = true;
            WriteWarning($"The input has no prompt column (Prompt or Text), and these columns were not recognised: {string.Join(", ", unknown)}. "
                + "Column names must match a parameter or alias of New-4oImage exactly (no spaces around them); rows without a prompt go without one.");
        }
    }

    private string ResolveRowPath(string path, string parameterName, GenerateInput input)
    {
        try
        {
            return ResolveFileSystemPath(path, parameterName);
        }
        catch (Exception error) when (error is SessionStateException || error is NotSupportedException || error is ArgumentException || error is System.IO.PathTooLongException)
        {
            input.BindingProblems.Add(error is NotSupportedException || error is System.IO.PathTooLongException ? error.Message : $"-{parameterName} '{path}': {error.Message}");
            return path;
        }
    }

    protected override Task Complete()
    {
        // -WhatIf on a batch the submission window holds back: how long sending it takes ("What if: 100 rows would be sent ...").
        if (WhatIfRequested && _operation!.DescribeSubmission() is { } estimate)
        {
            ShouldProcess(estimate, estimate, GenerateOperation.ShouldProcessAction);
        }

        return _operation!.CompleteAsync();
    }

    protected override void RefreshProgress() => _operation?.RefreshProgress();

    // The operation first lets generate calls already sent record their answers, then the journal closes.
    protected override void DisposeOperation()
    {
        _operation?.Dispose();
        _journal?.Dispose();
    }

    // Under -WhatIf the journal is only read: rows it already answers are not offered to ShouldProcess, and the file
    // is neither created nor written.
    private JournalRun OpenJournal(FourOImageClient client)
    {
        string path = ResolveJournalPath();
        try
        {
            if (WhatIfRequested)
            {
                return JournalRun.ReadOnly(path);
            }

            // One credit call before the first generate: the balance the batch starts from (failures are only verbose).
            return JournalRun.StartAsync(path, client, Sink, Cancellation).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception error) when (error is FourOImageException || error is System.IO.IOException || error is UnauthorizedAccessException)
        {
            ThrowTerminating(new PipelineError(error, "FourOImage.Journal.Unavailable", PipelineErrorCategory.ResourceUnavailable, path));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    // -WhatIf when given, else $WhatIfPreference (a SwitchParameter or a bool).
    private bool WhatIfRequested =>
        IsOn(MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value) ? value : GetVariableValue("WhatIfPreference"));

    private static bool IsOn(object? value) => value is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(value);

    private string ResolveJournalPath()
    {
        try
        {
            return ResolveFileSystemPath(Journal!, nameof(Journal));
        }
        catch (Exception error) when (error is SessionStateException || error is NotSupportedException || error is ArgumentException || error is System.IO.PathTooLongException)
        {
            ThrowTerminating(PipelineErrors.InvalidArgument(PipelineErrors.Areas.Generate, error.Message, Journal));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
