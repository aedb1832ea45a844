using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace FourOImage.Bench;

/// <summary>The machine a report was measured on.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} logical cores{Cpu()}, {memory:0.0} GiB memory, {RuntimeInformation.OSDescription} " +
               $"({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
    }

    private static string Cpu()
    {
        try
        {
            var model = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                : null;
            return model is null ? string.Empty : " (" + model.Split(':', 2)[1].Trim() + ")";
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
