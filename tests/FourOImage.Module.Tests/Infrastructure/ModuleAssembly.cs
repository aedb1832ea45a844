using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FourOImage.Module.Tests;

/// <summary>
/// The built cmdlet assembly, read with MetadataLoadContext: no PowerShell runtime needed, only the module folder,
/// the PowerShellStandard reference assembly and the runtime's own assemblies.
/// </summary>
internal sealed class ModuleAssembly : IDisposable
{
    private readonly MetadataLoadContext _context;

    public ModuleAssembly()
    {
        var paths = new List<string>(Directory.GetFiles(RepoPaths.ModuleFolder, "*.dll")) { RepoPaths.PowerShellReference };
        var names = new HashSet<string>(paths.Select(Path.GetFileName)!, StringComparer.OrdinalIgnoreCase);
        paths.AddRange(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Where(p => names.Add(Path.GetFileName(p))));
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
        Cmdlets = _context.LoadFromAssemblyPath(RepoPaths.ModuleFile("FourOImage.dll"));
        PowerShell = _context.LoadFromAssemblyName("System.Management.Automation");
    }

    public Assembly Cmdlets { get; }

    public Assembly PowerShell { get; }

    public IEnumerable<Type> CmdletTypes => Cmdlets.GetExportedTypes().Where(t => Attribute(t, "CmdletAttribute") != null);

    public Type CmdletType(string name) => CmdletTypes.Single(t => CmdletName(t) == name);

    public static string CmdletName(Type type)
    {
        CustomAttributeData cmdlet = Attribute(type, "CmdletAttribute")!;
        return cmdlet.ConstructorArguments[0].Value + "-" + cmdlet.ConstructorArguments[1].Value;
    }

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.Name == name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.Name == name);

    public static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    /// <summary>The public constant values of PowerShell's Verbs* classes: the approved verbs.</summary>
    public ISet<string> ApprovedVerbs() => new HashSet<string>(
        PowerShell.GetExportedTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!),
        StringComparer.Ordinal);

    public void Dispose() => _context.Dispose();
}
