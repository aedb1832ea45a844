using System;
using FourOImage.Core.Hosting;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>Which PowerShell runtimes the module accepts at import.</summary>
public sealed class RuntimeSupportTests
{
    [Theory]
    [InlineData(".NET Framework 4.8.9290.0", null)]          // Windows PowerShell 5.1
    [InlineData(".NET 8.0.11", "8.0.0.0")]                   // PowerShell 7.4
    [InlineData(".NET 10.0.0", "10.0.0.0")]                  // PowerShell 7.6
    public void Windows_PowerShell_and_PowerShell_74_or_later_are_supported(string framework, string? json)
    {
        Assert.Null(RuntimeSupport.Problem(framework, json is null ? null : Version.Parse(json)));
    }

    [Theory]
    [InlineData(".NET 6.0.36", "6.0.0.0")]                   // PowerShell 7.2
    [InlineData(".NET 7.0.20", "7.0.0.0")]                   // PowerShell 7.3
    public void Older_PowerShell_7_is_turned_away_with_the_reason(string framework, string json)
    {
        string? problem = RuntimeSupport.Problem(framework, Version.Parse(json));
        Assert.NotNull(problem);
        Assert.Contains("PowerShell 7.4", problem);
        Assert.Contains(framework, problem);
    }

    [Fact]
    public void This_runtime_is_supported()
    {
        RuntimeSupport.EnsureSupported();
    }
}
