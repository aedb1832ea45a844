namespace FourOImage.Core.Downloads;

/// <summary>One image to save: which task and variant, and where it goes.</summary>
internal sealed record ImageTarget(string TaskId, int Index, string ResultUrl, string FileName, string FullPath);
