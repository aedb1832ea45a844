using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FourOImage.Core.Hosting;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>out/FourOImage/, the folder a user imports, as the MSBuild target assembled it.</summary>
public sealed class ModuleLayoutTests
{
    private static readonly string Manifest = File.ReadAllText(RepoPaths.ModuleFile("FourOImage.psd1"));

    [Fact]
    public void Every_file_the_manifest_names_exists()
    {
        Assert.Equal("FourOImage.dll", Value("RootModule"));
        foreach (string file in List("FormatsToProcess").Append(Value("RootModule")))
        {
            Assert.True(File.Exists(RepoPaths.ModuleFile(file)), file + " is missing from out/FourOImage");
        }
    }

    [Fact]
    public void CmdletsToExport_equals_the_cmdlets_in_the_assembly_and_nothing_else_is_exported()
    {
        using var module = new ModuleAssembly();
        Assert.Equal(module.CmdletTypes.Select(ModuleAssembly.CmdletName).OrderBy(n => n), List("CmdletsToExport").OrderBy(n => n));
        foreach (string key in new[] { "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
        {
            Assert.Empty(List(key));
        }
    }

    [Fact]
    public void ModuleVersion_is_the_assembly_version_from_the_single_version_source()
    {
        Version assembly = AssemblyName.GetAssemblyName(RepoPaths.ModuleFile("FourOImage.dll")).Version!;
        Version manifest = Version.Parse(Value("ModuleVersion"));
        Assert.Equal(new Version(assembly.Major, assembly.Minor, assembly.Build), manifest);

        string props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        Assert.Equal(Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value, Value("ModuleVersion"));
    }

    [Fact]
    public void The_manifest_declares_editions_PowerShell_version_guid_and_gallery_data()
    {
        Assert.Equal(new[] { "Desktop", "Core" }, List("CompatiblePSEditions"));
        Assert.Equal("5.1", Value("PowerShellVersion"));
        Assert.True(Guid.TryParse(Value("GUID"), out _));
        Assert.NotEmpty(List("Tags"));
    }

    [Fact]
    public void The_manifest_makes_up_no_address_and_takes_its_release_notes_from_the_changelog()
    {
        // A build given no -p:ProjectUri / -p:LicenseUri writes neither: the project has no public address yet.
        Assert.DoesNotMatch(@"(?m)^\s*(ProjectUri|LicenseUri)\s*=", Manifest);
        Assert.DoesNotContain("github.com", Manifest, StringComparison.OrdinalIgnoreCase);

        string changelog = File.ReadAllText(Path.Combine(RepoPaths.Root, "CHANGELOG.md"));
        string version = Value("ModuleVersion");
        Match section = Regex.Match(changelog, @"(?ms)^## \[" + Regex.Escape(version) + @"\][^\n]*\n(.*?)(?=^## \[|\z)");
        if (!section.Success)
        {
            section = Regex.Match(changelog, @"(?ms)^## \[Unreleased\][^\n]*\n(.*?)(?=^## \[|\z)");
        }

        Match notes = Regex.Match(Manifest, @"(?ms)^\s*ReleaseNotes\s*=\s*'((?:[^']|'')*)'");
        Assert.True(notes.Success, "ReleaseNotes not found in the manifest");
        Assert.Equal(section.Groups[1].Value.Trim().Replace("\r", ""), notes.Groups[1].Value.Replace("''", "'").Replace("\r", ""));
    }

    [Fact]
    public void The_folder_ships_System_Text_Json_and_its_polyfills_but_never_PowerShell_itself()
    {
        var files = Directory.GetFiles(RepoPaths.ModuleFolder).Select(Path.GetFileName).ToList();
        Assert.Contains("FourOImage.Core.dll", files);
        Assert.Contains("System.Text.Json.dll", files);
        Assert.Contains("Microsoft.Bcl.AsyncInterfaces.dll", files);
        Assert.DoesNotContain("System.Management.Automation.dll", files);
        Assert.DoesNotContain(files, f => f!.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_dependency_of_the_module_assemblies_is_in_the_folder_or_part_of_netstandard()
    {
        var shipped = Directory.GetFiles(RepoPaths.ModuleFolder, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string dll in new[] { "FourOImage.dll", "FourOImage.Core.dll", "System.Text.Json.dll" })
        {
            foreach (AssemblyName reference in References(RepoPaths.ModuleFile(dll)))
            {
                bool provided = reference.Name is "netstandard" or "System.Management.Automation" || shipped.Contains(reference.Name!);
                Assert.True(provided, $"{dll} needs {reference.Name}, which the module folder does not ship");
            }
        }
    }

    [Fact]
    public void The_format_file_has_a_table_and_a_list_view_for_ImageTask()
    {
        XDocument format = XDocument.Load(RepoPaths.ModuleFile("FourOImage.format.ps1xml"));
        var views = format.Descendants("View").Where(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "FourOImage.ImageTask").ToList();
        XElement table = views.Single(v => v.Element("TableControl") != null);
        Assert.Equal(
            new[] { "TaskId", "Status", "Progress", "Size", "Variants", "Prompt" },
            table.Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value));
        XElement list = views.Single(v => v.Element("ListControl") != null);
        var listed = list.Descendants("ListItem").Select(i => (i.Element("PropertyName") ?? i.Element("Label"))!.Value).ToHashSet();
        foreach (PropertyInfo property in typeof(ImageTask).GetProperties().Where(p => p.Name != nameof(ImageTask.IsFinished)))
        {
            Assert.Contains(property.Name, listed);
        }
    }

    [Fact]
    public void The_dependency_resolver_offers_only_files_in_the_folder_at_the_version_asked_or_newer()
    {
        string folder = RepoPaths.ModuleFolder;
        Assert.Equal(RepoPaths.ModuleFile("System.Text.Json.dll"), DependencyResolver.FindCandidate(folder, new AssemblyName("System.Text.Json, Version=6.0.0.0")));
        Assert.Equal(RepoPaths.ModuleFile("System.Text.Json.dll"), DependencyResolver.FindCandidate(folder, new AssemblyName("System.Text.Json, Version=8.0.0.0")));
        Assert.Null(DependencyResolver.FindCandidate(folder, new AssemblyName("System.Text.Json, Version=99.0.0.0")));
        Assert.Null(DependencyResolver.FindCandidate(folder, new AssemblyName("Newtonsoft.Json, Version=13.0.0.0")));
        Assert.Null(DependencyResolver.FindCandidate(folder, new AssemblyName { Name = "../evil" }));
    }

    private static IEnumerable<AssemblyName> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }

    private static string Value(string key)
    {
        Match match = Regex.Match(Manifest, @"(?m)^\s*" + key + @"\s*=\s*'([^']*)'");
        Assert.True(match.Success, key + " not found in the manifest");
        return match.Groups[1].Value;
    }

    private static IReadOnlyList<string> List(string key)
    {
        Match match = Regex.Match(Manifest, @"(?ms)^\s*" + key + @"\s*=\s*@\((.*?)\)");
        Assert.True(match.Success, key + " not found in the manifest");
        return Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
    }
}
