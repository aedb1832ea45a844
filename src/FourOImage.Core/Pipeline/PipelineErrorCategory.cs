namespace FourOImage.Core.Pipeline;

/// <summary>
/// The subset of PowerShell's ErrorCategory that FourOImage reports. Names match
/// System.Management.Automation.ErrorCategory exactly; the cmdlets convert by name.
/// </summary>
public enum PipelineErrorCategory
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidResult,
    AuthenticationError,
    PermissionDenied,
    QuotaExceeded,
    LimitsExceeded,
    ResourceUnavailable,
    ResourceExists,
    ObjectNotFound,
    OperationTimeout,
    OperationStopped,
    ConnectionError,
    ProtocolError,
    NotImplemented,
    ReadError,
    WriteError,
}
