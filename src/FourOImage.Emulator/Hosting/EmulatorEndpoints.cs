using System;
using System.Collections.Generic;

namespace FourOImage.Emulator;

/// <summary>Names of the emulator's endpoints, as used by <see cref="RequestLogEntry.Endpoint"/> and <see cref="FaultOptions"/>.</summary>
public static class EmulatorEndpoints
{
    public const string Generate = "generate";
    public const string RecordInfo = "record-info";
    public const string DownloadUrl = "download-url";
    public const string Credit = "credit";
    public const string Upload = "upload";
    public const string Image = "image";
    public const string Admin = "admin";
    public const string Other = "other";

    /// <summary>The endpoints faults can be injected into.</summary>
    public static IReadOnlyList<string> Faultable { get; } = new[] { Generate, RecordInfo, DownloadUrl, Credit, Upload, Image };

    internal static string RequireFaultable(string endpoint)
    {
        foreach (var name in Faultable)
        {
            if (string.Equals(name, endpoint, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        throw new ArgumentException($"Unknown endpoint '{endpoint}'. Use one of: {string.Join(", ", Faultable)}.", nameof(endpoint));
    }
}
