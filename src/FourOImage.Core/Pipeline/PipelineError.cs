using System;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// One failure as the cmdlet reports it: becomes an ErrorRecord with <see cref="ErrorId"/> (FourOImage.Area.Reason),
/// the category, the item it concerns as TargetObject, and the service's own message as ErrorDetails.
/// </summary>
public sealed class PipelineError
{
    public PipelineError(Exception exception, string errorId, PipelineErrorCategory category, object? targetObject, string? details = null)
    {
        Exception = exception ?? throw new ArgumentNullException(nameof(exception));
        ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
        Category = category;
        TargetObject = targetObject;
        Details = details;
    }

    public Exception Exception { get; }

    public string ErrorId { get; }

    public PipelineErrorCategory Category { get; }

    public object? TargetObject { get; }

    /// <summary>The service's message, verbatim, when the service sent one (ErrorDetails.Message).</summary>
    public string? Details { get; }

    /// <summary>
    /// Names the item the error is about the way the user knows it ("Row 3 ('a fox')", "Task 3f2a... ('a fox')");
    /// shown before the message.
    /// </summary>
    public string? About { get; set; }

    /// <summary>What the user can do about it (ErrorDetails.RecommendedAction), when there is something to say.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>The message as the user should read it: <see cref="About"/>, then <see cref="Reason"/>.</summary>
    public string ShownMessage => About is null ? Reason : About + ": " + Reason;

    /// <summary>What went wrong, without what it is about: the service's message, or the exception's.</summary>
    public string Reason => string.IsNullOrWhiteSpace(Details) ? WithoutParameterSuffix(Exception) : Details!;

    /// <summary>Whether <see cref="ShownMessage"/> differs from what the exception alone would show.</summary>
    public bool HasShownMessage => About != null || !string.IsNullOrWhiteSpace(Details) || WithoutParameterSuffix(Exception) != Exception.Message;

    public override string ToString() => ErrorId + ": " + Exception.Message;

    // ArgumentException appends " (Parameter 'x')" (.NET) or a "Parameter name: x" line (.NET Framework) to its
    // message; the name is a .NET one, not what the user typed, and the message already says what is wrong.
    private static string WithoutParameterSuffix(Exception exception)
    {
        string message = exception.Message;
        if (exception is ArgumentException { ParamName: string name })
        {
            foreach (string suffix in new[] { $" (Parameter '{name}')", Environment.NewLine + "Parameter name: " + name })
            {
                if (message.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return message.Substring(0, message.Length - suffix.Length);
                }
            }
        }

        return message;
    }
}
