using FourOImage.Emulator.Admin;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Callbacks;
using FourOImage.Emulator.Credits;
using FourOImage.Emulator.Faults;
using FourOImage.Emulator.Images;
using FourOImage.Emulator.Logging;
using FourOImage.Emulator.Tasks;
using FourOImage.Emulator.Uploads;

namespace FourOImage.Emulator.Hosting;

/// <summary>The emulator's parts, wired once per server.</summary>
internal sealed class EmulatorServices
{
    public EmulatorServices(EmulatorOptions options, EmulatorServer server)
    {
        Urls = new EmulatorUrls();
        Clock = new EmulatorClock(options.ClockStopped);
        RequestLog = new RequestLog();
        Ledger = new CreditLedger(options.ApiKeys, options.InitialCredits);
        Authenticator = new ApiKeyAuthenticator(Ledger);
        Faults = options.Faults;
        SubmissionWindow = new SubmissionWindow { Limit = options.SubmissionLimit, Length = options.SubmissionWindowLength };
        FaultInjector = new FaultInjector(Faults, options.Seed);
        Tasks = new TaskStore(options, Faults);
        Callbacks = new CallbackDispatcher(options, Clock, Urls);
        Tasks.Created += Callbacks.Schedule;

        var presigned = new PresignedUrls();
        var credentials = new ContentCredentials(options.Seed, options.ContentCredentialsRate);
        var imageResponses = new ImageHostResponses(options.ImageBytesPerSecond);
        var uploads = new UploadStore();
        Generate = new GenerateEndpoint(Tasks, new InputImageChecker(Urls, uploads, Tasks), Ledger, SubmissionWindow, Faults, Clock, options.CreditsPerImage);
        RecordInfo = new RecordInfoEndpoint(Tasks, new RecordInfoRateLimiter(), Clock, Urls, Faults, options);
        DownloadUrl = new DownloadUrlEndpoint(Tasks, presigned, Clock, Urls, Faults);
        Credit = new CreditEndpoint(Ledger);
        var acceptor = new UploadAcceptor(uploads, Clock, Urls);
        Upload = new UploadEndpoint(acceptor);
        Base64Upload = new Base64UploadEndpoint(acceptor);
        UrlUpload = new UrlUploadEndpoint(acceptor);
        Images = new ImageEndpoint(
            Tasks,
            new ImageCache(options.Seed, credentials),
            options.DistinctPictures is { } pictures ? new TaggedPictures(options.Seed, pictures, credentials) : null,
            presigned,
            Clock,
            imageResponses);
        UploadedFiles = new UploadedFileEndpoint(uploads, Clock, imageResponses);
        Admin = new AdminEndpoints(server);
    }

    public EmulatorUrls Urls { get; }

    public EmulatorClock Clock { get; }

    public RequestLog RequestLog { get; }

    public CreditLedger Ledger { get; }

    public ApiKeyAuthenticator Authenticator { get; }

    public FaultOptions Faults { get; }

    public FaultInjector FaultInjector { get; }

    public SubmissionWindow SubmissionWindow { get; }

    public TaskStore Tasks { get; }

    public CallbackDispatcher Callbacks { get; }

    public GenerateEndpoint Generate { get; }

    public RecordInfoEndpoint RecordInfo { get; }

    public DownloadUrlEndpoint DownloadUrl { get; }

    public CreditEndpoint Credit { get; }

    public UploadEndpoint Upload { get; }

    public Base64UploadEndpoint Base64Upload { get; }

    public UrlUploadEndpoint UrlUpload { get; }

    public ImageEndpoint Images { get; }

    public UploadedFileEndpoint UploadedFiles { get; }

    public AdminEndpoints Admin { get; }
}
