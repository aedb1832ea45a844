using System;
using System.Management.Automation;
using FourOImage.Core;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Base of the cmdlets that call the service: -ApiKey and -BaseUrl for one call (otherwise this runspace's
/// Connect-4oImage settings, then the process's, then FOUROIMAGE_API_KEY / FOUROIMAGE_BASE_URL), and one client per invocation.
/// </summary>
public abstract class FourOImageCmdlet : AsyncPipelineCmdlet
{
    /// <summary>The API key for this call: a string, a SecureString or a PSCredential.</summary>
    [Parameter]
    [ApiKeyTransformation]
    [ValidateNotNull]
    public object? ApiKey { get; set; }

    /// <summary>The API base URL for this call, e.g. https://api.kie.ai/ or the emulator's URL.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Send the key even over plain http:// to another machine (otherwise such a base URL is refused before any request);
    /// as the web cmdlets' switch of the same name.
    /// </summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>The upload service's base URL; used by New-4oImage for -ImagePath and -MaskPath.</summary>
    protected virtual Uri? UploadBaseUrlOverride => null;

    /// <summary>The account's submission limit for this call (New-4oImage -SubmissionLimit).</summary>
    protected virtual int? SubmissionLimitOverride => null;

    /// <summary>
    /// A PowerShell path (relative to the current location, ~, a PSDrive) as a file-system path; it need not exist.
    /// Throws NotSupportedException naming the parameter when the path is on another provider (Registry, Env, ...).
    /// </summary>
    protected string ResolveFileSystemPath(string path, string parameterName) => FileSystemPath.Resolve(SessionState, path, parameterName);

    /// <summary>A client for the resolved settings; a missing key stops the command with an error naming all three ways to give one.</summary>
    protected FourOImageClient CreateClient()
    {
        try
        {
            return NewClient(SessionConnections.For(ConnectionOwner.Current));
        }
        catch (Exception error) when (error is FourOImageException || error is ArgumentException)
        {
            ThrowTerminating(PipelineErrors.FromException(error, TerminatingErrorArea, null));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// The clients of a command that works on tasks: a task created or read with a connection (New-4oImage -ApiKey,
    /// -BaseUrl, Connect-4oImage) keeps using it, under this command's -ApiKey and -BaseUrl; any other task uses this
    /// command's settings, resolved when the first such task arrives (see <see cref="Submitting"/>).
    /// </summary>
    protected TaskClients CreateTaskClients()
    {
        ClientOptions? session = SessionConnections.For(ConnectionOwner.Current); // read here, on the pipeline thread
        return new TaskClients(connection => NewClient(connection ?? session));
    }

    /// <summary>Hands a task on; no client for it (no key anywhere) stops the command as <see cref="CreateClient"/> does.</summary>
    protected void Submitting(Action submit)
    {
        try
        {
            submit();
        }
        catch (Exception error) when (error is FourOImageException || error is ArgumentException)
        {
            ThrowTerminating(PipelineErrors.FromException(error, TerminatingErrorArea, null));
        }
    }

    // Explicit values first, then the connection (a task's, or the session's), then the environment.
    private FourOImageClient NewClient(ClientOptions? connection)
    {
        ClientOptions options = ClientConfiguration.Resolve(
            (ApiKey)ApiKey!,
            BaseUrl,
            UploadBaseUrlOverride,
            connection,
            Environment.GetEnvironmentVariable,
            SubmissionLimitOverride,
            AllowUnencryptedAuthentication);

        FourOImageClient client = FourOImageClient.Create(options);
        client.Diagnostics = line => Sink.WriteVerbose(line);
        return client;
    }
}
