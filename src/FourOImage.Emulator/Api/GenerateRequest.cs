using System.Collections.Generic;

namespace FourOImage.Emulator.Api;

/// <summary>A validated generate request.</summary>
internal sealed record GenerateRequest(
    string? Prompt,
    string Size,
    IReadOnlyList<string> FilesUrl,
    string? MaskUrl,
    int Variants,
    string? CallbackUrl,
    string ParamJson);
