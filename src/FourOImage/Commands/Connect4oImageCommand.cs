using System;
using System.Management.Automation;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Connect-4oImage: sets the API key (string, SecureString or PSCredential, so Get-Secret output passes straight in),
/// base URLs and proxy for the runspace that runs it (or, with -Scope Process, for every runspace of the process
/// without a connection of its own), after checking the key with a credit call unless -SkipKeyCheck.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "4oImage")]
[OutputType(typeof(CreditBalance))]
public sealed class Connect4oImageCommand : AsyncPipelineCmdlet
{
    /// <summary>The key: a string, a SecureString or a PSCredential; also from the pipeline (Get-Secret 4o | Connect-4oImage).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ApiKeyTransformation]
    [ValidateNotNull]
    public object ApiKey { get; set; } = null!;

    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUrl { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Uri? UploadBaseUrl { get; set; }

    /// <summary>
    /// Send the key even over plain http:// to another machine, for this connection's commands (otherwise such a base
    /// URL is refused before any request); as the web cmdlets' switch of the same name.
    /// </summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>
    /// The account's submission limit: new tasks the service accepts per 10 seconds (default 20, the service's; support
    /// can raise it). 0 turns the pacing off. Without it FOUROIMAGE_SUBMISSION_LIMIT applies.
    /// </summary>
    [Parameter]
    [ValidateRange(0, ClientOptions.MaxSubmissionLimit)]
    public int? SubmissionLimit { get; set; }

    /// <summary>The proxy for every call of the session; otherwise FOUROIMAGE_PROXY, otherwise the system's proxy settings.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>The proxy's user name and password; otherwise the signed-in user's Windows credentials are offered when a proxy asks.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Runspace (default): only this runspace. Process: every runspace of the process without its own connection.</summary>
    [Parameter]
    public ConnectionScope Scope { get; set; } = ConnectionScope.Runspace;

    /// <summary>Do not call the service to check the key.</summary>
    [Parameter]
    public SwitchParameter SkipKeyCheck { get; set; }

    /// <summary>Emit the credit balance the key check read.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private Task _connection = Task.CompletedTask;
    private object _owner = null!;

    protected override string TerminatingErrorArea => PipelineErrors.Areas.Connect;

    // Read on the pipeline thread: the connection is kept when the key check answers, on another thread.
    protected override void Begin() => _owner = ConnectionOwner.Current;

    // Per record, so a key piped in (Get-Secret) is the one used; there is normally exactly one.
    protected override void Process() => _connection = ConnectAsync((ApiKey)ApiKey);

    protected override Task Complete() => _connection;

    private async Task ConnectAsync(ApiKey key)
    {
        await _connection.ConfigureAwait(false);
        ClientOptions options = ClientConfiguration.Resolve(key, BaseUrl, UploadBaseUrl, session: null, Environment.GetEnvironmentVariable, SubmissionLimit, AllowUnencryptedAuthentication);

        if (Proxy != null || ProxyCredential != null)
        {
            // A new -Proxy brings its own credential (or none); -ProxyCredential alone is for the proxy already chosen.
            options = options.WithProxy(Proxy ?? options.Proxy, ProxyCredential?.GetNetworkCredential());
        }

        CreditBalance? balance = await Connection.ConnectAsync(_owner, options, Scope, !SkipKeyCheck, Cancellation).ConfigureAwait(false);
        Uri shown = balance?.Endpoint ?? Redaction.MaskUserInfo(options.BaseUrl);
        string through = options.Proxy is null && options.ProxyCredential is null ? "" : " through " + Connection.DescribeProxy(options);
        Sink.WriteVerbose(balance is null
            ? $"Connected this {ScopeText} to {shown}{through} (key not checked)."
            : $"Connected this {ScopeText} to {shown}{through}; the balance is {balance.Balance} credits.");
        if (PassThru && balance != null)
        {
            Sink.WriteObject(balance);
        }
    }

    private string ScopeText => Scope == ConnectionScope.Process ? "process" : "runspace";
}
