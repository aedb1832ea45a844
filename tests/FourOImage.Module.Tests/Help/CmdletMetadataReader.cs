using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Reflection;

namespace FourOImage.Module.Tests.Help;

/// <summary>
/// Reads the cmdlets of the built module (out/FourOImage/FourOImage.dll) with MetadataLoadContext: their
/// [Cmdlet], [Parameter], [Alias], [ValidateSet] and [OutputType] attributes. System.Management.Automation comes
/// from the PowerShellStandard.Library reference assembly copied next to the tests.
/// </summary>
internal static class CmdletMetadataReader
{
    private const string Sma = "System.Management.Automation.";
    private const string AllSets = "__AllParameterSets";

    public static List<CmdletInfo> Read(string moduleAssembly)
    {
        var paths = Directory.GetFiles(Path.GetDirectoryName(moduleAssembly)!, "*.dll")
            .Concat(Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll"))
            .Append(Path.Combine(AppContext.BaseDirectory, "System.Management.Automation.dll"))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        var assembly = context.LoadFromAssemblyPath(moduleAssembly);

        return assembly.GetTypes()
            .Select(t => (Type: t, Cmdlet: Attribute(t.GetCustomAttributesData(), "CmdletAttribute")))
            .Where(x => x.Cmdlet is not null && !x.Type.IsAbstract)
            .Select(x => ReadCmdlet(x.Type, x.Cmdlet!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletInfo ReadCmdlet(Type type, CustomAttributeData cmdlet)
    {
        var name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ReadParameter)
            .OfType<CmdletParameterInfo>()
            .ToList();
        var outputTypes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments.SelectMany(Values))
            .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
            .ToList();
        return new CmdletInfo(name, NamedBool(cmdlet, "SupportsShouldProcess"), parameters, outputTypes);
    }

    private static CmdletParameterInfo? ReadParameter(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes.Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute")
            .Select(a => new CmdletParameterSetInfo(
                NamedValue(a, "ParameterSetName") as string ?? AllSets,
                NamedValue(a, "Position") is int p && p != int.MinValue ? p : null,
                NamedBool(a, "Mandatory"),
                NamedBool(a, "ValueFromPipeline"),
                NamedBool(a, "ValueFromPipelineByPropertyName")))
            .ToList();
        if (sets.Count == 0)
        {
            return null;
        }

        return new CmdletParameterInfo(
            property.Name,
            TypeNames(property.PropertyType),
            StringArguments(Attribute(attributes, "AliasAttribute")),
            StringArguments(Attribute(attributes, "ValidateSetAttribute")),
            sets);
    }

    private static List<string> TypeNames(Type type)
    {
        var underlying = type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1"
            ? type.GetGenericArguments()[0]
            : type;
        return new List<string> { underlying.Name, underlying.FullName ?? underlying.Name };
    }

    private static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == Sma + name);

    private static List<string> StringArguments(CustomAttributeData? attribute) =>
        attribute?.ConstructorArguments.SelectMany(Values).Select(v => v?.ToString() ?? string.Empty).ToList()
        ?? new List<string>();

    /// <summary>A params array arrives as one argument holding a collection of typed arguments.</summary>
    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items
            ? items.Select(i => i.Value)
            : new[] { argument.Value };

    private static object? NamedValue(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

    private static bool NamedBool(CustomAttributeData attribute, string name) => NamedValue(attribute, name) is true;
}
