using System.Collections.Generic;

namespace FourOImage.Module.Tests;

/// <summary>The cmdlets and parameters issue 4 asks for: what the metadata tests hold the assembly to.</summary>
internal static class CmdletSpec
{
    public sealed record Param(
        string Name,
        string Type,
        string[]? Aliases = null,
        int? Position = null,
        bool Mandatory = false,
        bool ByValue = false,
        bool ByPropertyName = false);

    public sealed record Cmdlet(string Name, string OutputType, bool ShouldProcess, string? ConfirmImpact, Param[] Parameters);

    private static readonly Param[] Connection =
    {
        new("ApiKey", "System.Object"),
        new("BaseUrl", "System.Uri"),
        new("AllowUnencryptedAuthentication", "System.Management.Automation.SwitchParameter"),
    };

    private static readonly Param[] TaskInput =
    {
        new("TaskId", "FourOImage.TaskReference[]", new[] { "Id" }, Position: 0, Mandatory: true, ByValue: true, ByPropertyName: true),
    };

    public static readonly Cmdlet[] All =
    {
        new("Connect-4oImage", "FourOImage.CreditBalance", false, null, new Param[]
        {
            new("ApiKey", "System.Object", Position: 0, Mandatory: true, ByValue: true),
            new("BaseUrl", "System.Uri"),
            new("AllowUnencryptedAuthentication", "System.Management.Automation.SwitchParameter"),
            new("UploadBaseUrl", "System.Uri"),
            new("SubmissionLimit", "System.Nullable`1[System.Int32]"),
            new("Proxy", "System.Uri"),
            new("ProxyCredential", "System.Management.Automation.PSCredential"),
            new("Scope", "FourOImage.ConnectionScope"),
            new("SkipKeyCheck", "System.Management.Automation.SwitchParameter"),
            new("PassThru", "System.Management.Automation.SwitchParameter"),
        }),
        new("New-4oImage", "FourOImage.ImageTask", true, "Medium", Join(Connection, new Param[]
        {
            new("Prompt", "System.String", new[] { "Text" }, Position: 0, ByValue: true, ByPropertyName: true),
            new("Size", "System.String", new[] { "Ratio", "Aspect", "AspectRatio" }, ByPropertyName: true),
            new("ImageUrl", "System.String[]", new[] { "FilesUrl", "FileUrl", "Image", "Images", "ImageUrls" }, ByPropertyName: true),
            new("ImagePath", "System.String[]", new[] { "ImageFile", "File", "Files" }, ByPropertyName: true),
            new("MaskUrl", "System.String", new[] { "Mask" }, ByPropertyName: true),
            new("MaskPath", "System.String", new[] { "MaskFile" }, ByPropertyName: true),
            new("Variants", "System.Nullable`1[System.Int32]", new[] { "nVariants", "n", "Count" }, ByPropertyName: true),
            new("Enhance", "System.Management.Automation.SwitchParameter", new[] { "isEnhance" }, ByPropertyName: true),
            new("EnableFallback", "System.Management.Automation.SwitchParameter", new[] { "Fallback" }, ByPropertyName: true),
            new("FallbackModel", "System.String", ByPropertyName: true),
            new("UploadCn", "System.Management.Automation.SwitchParameter", new[] { "UploadChina", "UploadToChina", "China" }, ByPropertyName: true),
            new("CallbackUrl", "System.String", new[] { "Callback", "Webhook" }, ByPropertyName: true),
            new("Wait", "System.Management.Automation.SwitchParameter"),
            new("Timeout", "System.Nullable`1[System.TimeSpan]", new[] { "TimeoutSec" }),
            new("ThrottleLimit", "System.Int32"),
            new("UploadBaseUrl", "System.Uri"),
            new("Journal", "System.String"),
            new("Force", "System.Management.Automation.SwitchParameter"),
            new("RetryFailed", "System.Management.Automation.SwitchParameter"),
            new("SubmissionLimit", "System.Nullable`1[System.Int32]"),
        })),
        new("Get-4oImageTask", "FourOImage.ImageTask", false, null, Join(Connection, TaskInput, new Param[]
        {
            new("ThrottleLimit", "System.Int32"),
        })),
        new("Wait-4oImageTask", "FourOImage.ImageTask", false, null, Join(Connection, TaskInput, new Param[]
        {
            new("Timeout", "System.Nullable`1[System.TimeSpan]", new[] { "TimeoutSec" }),
            new("ThrottleLimit", "System.Int32"),
        })),
        new("Save-4oImage", "System.IO.FileInfo", true, "Low", Join(Connection, TaskInput, new Param[]
        {
            new("Path", "System.String", new[] { "Directory", "OutFolder", "Destination" }, Position: 1),
            new("FileName", "System.String", new[] { "FileNameTemplate" }),
            new("Index", "System.Int32[]"),
            new("Force", "System.Management.Automation.SwitchParameter"),
            new("NoMetadata", "System.Management.Automation.SwitchParameter"),
            new("ThrottleLimit", "System.Int32"),
            new("Timeout", "System.Nullable`1[System.TimeSpan]", new[] { "TimeoutSec" }),
        })),
        new("Get-4oCredit", "FourOImage.CreditBalance", false, null, Connection),
        new("Get-4oImageJournal", "FourOImage.JournalSummary", false, null, new Param[]
        {
            new("Path", "System.String[]", new[] { "FullName", "Journal" }, Position: 0, Mandatory: true, ByValue: true, ByPropertyName: true),
        }),
        new("Get-4oImageInfo", "FourOImage.ImageInfo", false, null, new Param[]
        {
            new("Path", "System.String[]", new[] { "PSPath", "FullName", "LiteralPath" }, Position: 0, Mandatory: true, ByValue: true, ByPropertyName: true),
        }),
        new("Export-4oImageGallery", "System.IO.FileInfo", true, "Low", new Param[]
        {
            new("Path", "System.String", Position: 0, Mandatory: true),
            new("InputObject", "System.Object[]", Position: 1, ByValue: true),
            new("Journal", "System.String"),
            new("Title", "System.String"),
            new("Embed", "System.Management.Automation.SwitchParameter"),
            new("Force", "System.Management.Automation.SwitchParameter"),
        }),
    };

    /// <summary>The cmdlets that only read or write local files, and so take no -ApiKey or -BaseUrl.</summary>
    private static readonly string[] LocalOnly = { "Get-4oImageJournal", "Get-4oImageInfo", "Export-4oImageGallery" };

    /// <summary>The cmdlets that call the service (and so take -ApiKey and -BaseUrl); Get-4oImageJournal only reads a file.</summary>
    public static bool CallsService(string cmdlet) => System.Array.IndexOf(LocalOnly, cmdlet) < 0;

    public static IEnumerable<object[]> Names()
    {
        foreach (Cmdlet cmdlet in All)
        {
            yield return new object[] { cmdlet.Name };
        }
    }

    public static IEnumerable<object[]> Parameters()
    {
        foreach (Cmdlet cmdlet in All)
        {
            foreach (Param parameter in cmdlet.Parameters)
            {
                yield return new object[] { cmdlet.Name, parameter.Name };
            }
        }
    }

    private static Param[] Join(params Param[][] groups)
    {
        var all = new List<Param>();
        foreach (Param[] group in groups)
        {
            all.AddRange(group);
        }

        return all.ToArray();
    }
}
