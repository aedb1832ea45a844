using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests.Help;

/// <summary>docs/emulator.md keeps up with the emulator: every command-line option and every EmulatorOptions setting.</summary>
public sealed class EmulatorDocsTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(DocsFolder.Path, "emulator.md"));

    [Fact]
    public void Every_command_line_option_is_documented()
    {
        var options = Regex.Matches(EmulatorCommandLine.Usage, @"(?<=\s)--[a-z][a-z-]+").Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(options);
        Assert.All(options, option => Assert.Contains($"`{option}`", Page));
    }

    [Fact]
    public void Every_emulator_option_is_documented()
    {
        var settings = typeof(EmulatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, name => Assert.Contains($"`{name}`", Page));
    }
}
