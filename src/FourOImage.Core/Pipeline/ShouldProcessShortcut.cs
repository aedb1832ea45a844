namespace FourOImage.Core.Pipeline;

/// <summary>
/// Whether ShouldProcess can only answer yes, with no prompt and no "What if:" line, decided once per command the way
/// PowerShell decides it (MshCommandRuntime.ConfirmPreference and CanShouldProcessAutoConfirm). When it can, work on
/// other threads need not wait for the pipeline thread to ask: Save-4oImage starts a finished task's downloads while
/// Wait-4oImageTask still holds the pipeline thread. Impacts are System.Management.Automation.ConfirmImpact values.
/// </summary>
public static class ShouldProcessShortcut
{
    public const int ImpactNone = 0;
    public const int ImpactLow = 1;

    /// <param name="whatIf">-WhatIf if given, else $WhatIfPreference.</param>
    /// <param name="confirm">-Confirm if given (true or $false), else null.</param>
    /// <param name="debug">-Debug given: Windows PowerShell 5.1 then prompts as if $ConfirmPreference were Low.</param>
    /// <param name="confirmPreference">$ConfirmPreference.</param>
    /// <param name="confirmImpact">The cmdlet's ConfirmImpact.</param>
    public static bool AlwaysYes(bool whatIf, bool? confirm, bool debug, int confirmPreference, int confirmImpact)
    {
        if (whatIf)
        {
            return false;
        }

        int threshold = confirm switch
        {
            true => ImpactLow,
            false => ImpactNone,
            null => debug ? ImpactLow : confirmPreference,
        };
        return threshold == ImpactNone || threshold > confirmImpact;
    }

    /// <summary>What ShouldProcess writes to the verbose stream when it answers yes on its own.</summary>
    public static string VerboseMessage(string target, string action) =>
        "Performing the operation \"" + action + "\" on target \"" + target + "\".";
}
