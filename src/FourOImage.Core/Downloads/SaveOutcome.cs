namespace FourOImage.Core.Downloads;

/// <summary>What happened to one result image.</summary>
public enum SaveOutcome
{
    /// <summary>Downloaded, verified and renamed into place.</summary>
    Saved = 0,

    /// <summary>A valid image already had that name and overwriting was not asked for.</summary>
    Skipped = 1,

    /// <summary>Not saved; see <see cref="SaveResult.Error"/>. No partial file was left behind.</summary>
    Failed = 2,
}
