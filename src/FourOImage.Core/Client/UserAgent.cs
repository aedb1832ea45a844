using System.Runtime.InteropServices;

namespace FourOImage.Core;

/// <summary>
/// The User-Agent every request of the module carries: "FourOImage/0.1.0 (.NET 8.0.11; Linux X64)". The firewall in
/// front of the service refuses requests without one (HTTP 403 "error code: 1010"), so it is set on each request,
/// whatever HttpClient sends it.
/// </summary>
internal static class UserAgent
{
    public static string Value { get; } = Build();

    private static string Build()
    {
        string version = typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        string platform =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Windows"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macOS"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux"
            : "Unix";
        string framework = RuntimeInformation.FrameworkDescription.Trim().Replace('(', '[').Replace(')', ']');
        return $"FourOImage/{version} ({framework}; {platform} {RuntimeInformation.OSArchitecture})";
    }
}
