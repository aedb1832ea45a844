using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Reflection;

namespace FourOImage.Module.Tests;

/// <summary>One cmdlet parameter as PowerShell would see it: a public property with [Parameter].</summary>
internal sealed class ParameterInfoView
{
    private ParameterInfoView(PropertyInfo property, CustomAttributeData parameter)
    {
        Property = property;
        Name = property.Name;
        TypeName = property.PropertyType.ToString();
        Mandatory = ModuleAssembly.Named<bool>(parameter, "Mandatory");
        Position = parameter.NamedArguments.Any(a => a.MemberName == "Position") ? ModuleAssembly.Named<int>(parameter, "Position") : (int?)null;
        ByValue = ModuleAssembly.Named<bool>(parameter, "ValueFromPipeline");
        ByPropertyName = ModuleAssembly.Named<bool>(parameter, "ValueFromPipelineByPropertyName");
        ParameterSet = ModuleAssembly.Named<string>(parameter, "ParameterSetName") ?? "__AllParameterSets";
        Aliases = ModuleAssembly.Attributes(property, "AliasAttribute")
            .SelectMany(a => (ReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(a => (string)a.Value!)
            .ToList();
        AttributeNames = property.GetCustomAttributesData().Select(a => a.AttributeType.Name).ToList();
    }

    public PropertyInfo Property { get; }

    public string Name { get; }

    public string TypeName { get; }

    public bool Mandatory { get; }

    public int? Position { get; }

    public bool ByValue { get; }

    public bool ByPropertyName { get; }

    public string ParameterSet { get; }

    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyList<string> AttributeNames { get; }

    public static IReadOnlyDictionary<string, ParameterInfoView> Of(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: ModuleAssembly.Attribute(p, "ParameterAttribute")))
            .Where(p => p.Attribute != null)
            .ToDictionary(p => p.Property.Name, p => new ParameterInfoView(p.Property, p.Attribute!), StringComparer.OrdinalIgnoreCase);
}
