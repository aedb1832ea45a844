namespace FourOImage.Core.Journal;

/// <summary>The values of a finished record's state.</summary>
internal static class JournalStates
{
    public const string Success = "success";
    public const string Failed = "failed";
}
