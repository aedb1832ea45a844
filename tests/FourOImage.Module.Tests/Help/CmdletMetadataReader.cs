using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Reflection;

namespace FourOImage.Module.Tests.Help;

/// <summary>
/// Snapshots what the docs must agree with from the built cmdlet assembly (read through <see cref="ModuleAssembly"/>):
/// each cmdlet's parameters with every [Parameter] attribute (one per parameter set), [Alias], [ValidateSet] (or the
/// names of an enum type) and [OutputType]. Plain records, so they outlive the MetadataLoadContext.
/// </summary>
internal static class CmdletMetadataReader
{
    private const string AllSets = "__AllParameterSets";

    public static List<CmdletInfo> Read()
    {
        using var module = new ModuleAssembly();
        return module.CmdletTypes
            .Select(ReadCmdlet)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletInfo ReadCmdlet(Type type)
    {
        var cmdlet = ModuleAssembly.Attribute(type, "CmdletAttribute")!;
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ReadParameter)
            .OfType<CmdletParameterInfo>()
            .ToList();
        var outputTypes = ModuleAssembly.Attributes(type, "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments.SelectMany(Values))
            .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
            .ToList();
        return new CmdletInfo(ModuleAssembly.CmdletName(type), ModuleAssembly.Named<bool>(cmdlet, "SupportsShouldProcess"), parameters, outputTypes);
    }

    private static CmdletParameterInfo? ReadParameter(PropertyInfo property)
    {
        var sets = ModuleAssembly.Attributes(property, "ParameterAttribute")
            .Select(a => new CmdletParameterSetInfo(
                ModuleAssembly.Named<string>(a, "ParameterSetName") ?? AllSets,
                a.NamedArguments.Any(n => n.MemberName == "Position") ? ModuleAssembly.Named<int>(a, "Position") : null,
                ModuleAssembly.Named<bool>(a, "Mandatory"),
                ModuleAssembly.Named<bool>(a, "ValueFromPipeline"),
                ModuleAssembly.Named<bool>(a, "ValueFromPipelineByPropertyName")))
            .ToList();
        if (sets.Count == 0)
        {
            return null;
        }

        return new CmdletParameterInfo(
            property.Name,
            TypeNames(property.PropertyType),
            StringArguments(ModuleAssembly.Attribute(property, "AliasAttribute")),
            AcceptedValues(property),
            sets);
    }

    /// <summary>What the parameter accepts, as help lists it: its [ValidateSet], or the names of its enum type.</summary>
    private static List<string> AcceptedValues(PropertyInfo property)
    {
        var validateSet = StringArguments(ModuleAssembly.Attribute(property, "ValidateSetAttribute"));
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return validateSet.Count == 0 && type.IsEnum ? type.GetEnumNames().ToList() : validateSet;
    }

    /// <summary>The names help may show for a type: short and full, of T for a Nullable&lt;T&gt;.</summary>
    private static List<string> TypeNames(Type type)
    {
        var underlying = type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1"
            ? type.GetGenericArguments()[0]
            : type;
        return new List<string> { underlying.Name, underlying.FullName ?? underlying.Name };
    }

    private static List<string> StringArguments(CustomAttributeData? attribute) =>
        attribute?.ConstructorArguments.SelectMany(Values).Select(v => v?.ToString() ?? string.Empty).ToList()
        ?? new List<string>();

    /// <summary>A params array arrives as one argument holding a collection of typed arguments.</summary>
    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items
            ? items.Select(i => i.Value)
            : new[] { argument.Value };
}
