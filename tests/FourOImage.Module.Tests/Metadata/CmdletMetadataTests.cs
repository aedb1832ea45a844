using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>The built cmdlet assembly against the spec: cmdlets, verbs, parameters, aliases, pipeline flags, output types.</summary>
public sealed class CmdletMetadataTests : IDisposable
{
    // Common parameters and their aliases: a cmdlet parameter or alias with one of these names breaks the command.
    private static readonly string[] CommonNames =
    {
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf",
    };

    private readonly ModuleAssembly _module = new();

    public void Dispose() => _module.Dispose();

    [Fact]
    public void The_assembly_holds_exactly_the_specified_cmdlets()
    {
        var actual = _module.CmdletTypes.Select(ModuleAssembly.CmdletName).OrderBy(n => n).ToList();
        Assert.Equal(CmdletSpec.All.Select(c => c.Name).OrderBy(n => n), actual);
    }

    [Theory]
    [MemberData(nameof(CmdletSpec.Names), MemberType = typeof(CmdletSpec))]
    public void Each_cmdlet_uses_an_approved_verb(string name)
    {
        string verb = name.Split('-')[0];
        Assert.Contains(verb, _module.ApprovedVerbs());
    }

    [Theory]
    [MemberData(nameof(CmdletSpec.Names), MemberType = typeof(CmdletSpec))]
    public void Each_cmdlet_declares_its_output_type_and_ShouldProcess_support(string name)
    {
        CmdletSpec.Cmdlet spec = CmdletSpec.All.Single(c => c.Name == name);
        Type type = _module.CmdletType(name);

        CustomAttributeData output = ModuleAssembly.Attribute(type, "OutputTypeAttribute")!;
        Assert.NotNull(output);
        var declared = ((IEnumerable<CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!).Select(a => a.Value!.ToString());
        Assert.Equal(new[] { spec.OutputType }, declared);

        CustomAttributeData cmdlet = ModuleAssembly.Attribute(type, "CmdletAttribute")!;
        Assert.Equal(spec.ShouldProcess, ModuleAssembly.Named<bool>(cmdlet, "SupportsShouldProcess"));
        object? impact = cmdlet.NamedArguments.Where(a => a.MemberName == "ConfirmImpact").Select(a => a.TypedValue.Value).FirstOrDefault();
        Type confirmImpact = _module.PowerShell.GetType("System.Management.Automation.ConfirmImpact", throwOnError: true)!;
        string? impactName = impact is null
            ? null
            : confirmImpact.GetFields(BindingFlags.Public | BindingFlags.Static).Single(f => Equals(f.GetRawConstantValue(), impact)).Name;
        Assert.Equal(spec.ConfirmImpact, impactName);
    }

    [Theory]
    [MemberData(nameof(CmdletSpec.Names), MemberType = typeof(CmdletSpec))]
    public void Each_cmdlet_has_exactly_the_specified_parameters(string name)
    {
        CmdletSpec.Cmdlet spec = CmdletSpec.All.Single(c => c.Name == name);
        var actual = ParameterInfoView.Of(_module.CmdletType(name)).Keys.OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(spec.Parameters.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal), actual);
    }

    [Theory]
    [MemberData(nameof(CmdletSpec.Parameters), MemberType = typeof(CmdletSpec))]
    public void Each_parameter_matches_type_aliases_position_and_pipeline_flags(string cmdlet, string parameter)
    {
        CmdletSpec.Param spec = CmdletSpec.All.Single(c => c.Name == cmdlet).Parameters.Single(p => p.Name == parameter);
        ParameterInfoView actual = ParameterInfoView.Of(_module.CmdletType(cmdlet))[parameter];

        Assert.Equal(spec.Type, actual.TypeName);
        Assert.Equal((spec.Aliases ?? Array.Empty<string>()).OrderBy(a => a), actual.Aliases.OrderBy(a => a));
        Assert.Equal(spec.Position, actual.Position);
        Assert.Equal(spec.Mandatory, actual.Mandatory);
        Assert.Equal(spec.ByValue, actual.ByValue);
        Assert.Equal(spec.ByPropertyName, actual.ByPropertyName);
        Assert.Equal("__AllParameterSets", actual.ParameterSet);
    }

    [Theory]
    [MemberData(nameof(CmdletSpec.Names), MemberType = typeof(CmdletSpec))]
    public void No_parameter_name_or_alias_collides_with_another_or_with_a_common_parameter(string name)
    {
        var parameters = ParameterInfoView.Of(_module.CmdletType(name)).Values;
        var names = parameters.SelectMany(p => p.Aliases.Prepend(p.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(names.Intersect(CommonNames, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_New4oImage_parameter_bound_from_a_csv_row_treats_an_empty_cell_as_not_given()
    {
        // An empty cell arrives as "" and must become null (not given) before PowerShell converts it.
        string[] emptyToNull = { "EmptyAsNullAttribute", "TextListAttribute", "BooleanTextAttribute", "PipelineTextAttribute", "VariantsTransformationAttribute" };
        foreach (ParameterInfoView parameter in ParameterInfoView.Of(_module.CmdletType("New-4oImage")).Values.Where(p => p.ByPropertyName))
        {
            Assert.True(parameter.AttributeNames.Intersect(emptyToNull).Any(), $"-{parameter.Name} has no empty-cell transformation");
            Type type = parameter.Property.PropertyType;
            bool nullable = !type.IsValueType || type.Name == "Nullable`1" || type.Name == "SwitchParameter";
            Assert.True(nullable, $"-{parameter.Name} ({type}) cannot hold 'not given'");
        }
    }

    [Theory]
    [InlineData("New-4oImage", "Size", "SizeCompleter")]
    [InlineData("New-4oImage", "FallbackModel", "FallbackModelCompleter")]
    [InlineData("New-4oImage", "Variants", "VariantsCompleter")]
    [InlineData("Save-4oImage", "FileName", "FileNameTemplateCompleter")]
    [InlineData("Get-4oImageTask", "TaskId", "TaskIdCompleter")]
    [InlineData("Wait-4oImageTask", "TaskId", "TaskIdCompleter")]
    [InlineData("Save-4oImage", "TaskId", "TaskIdCompleter")]
    public void Parameters_with_known_values_have_tab_completion(string cmdlet, string parameter, string completer)
    {
        PropertyInfo property = ParameterInfoView.Of(_module.CmdletType(cmdlet))[parameter].Property;
        CustomAttributeData attribute = ModuleAssembly.Attribute(property, "ArgumentCompleterAttribute")!;
        Assert.NotNull(attribute);
        Type completerType = (Type)attribute.ConstructorArguments[0].Value!;
        Assert.Equal(completer, completerType.Name);
        Assert.Contains(completerType.GetInterfaces(), i => i.FullName == "System.Management.Automation.IArgumentCompleter");
    }

    [Fact]
    public void ApiKey_takes_a_string_or_SecureString_through_a_transformation_on_every_cmdlet_that_calls_the_service()
    {
        foreach (Type type in _module.CmdletTypes.Where(t => CmdletSpec.CallsService(ModuleAssembly.CmdletName(t))))
        {
            ParameterInfoView apiKey = ParameterInfoView.Of(type)["ApiKey"];
            Assert.Contains("ApiKeyTransformationAttribute", apiKey.AttributeNames);
            Assert.True(ParameterInfoView.Of(type).ContainsKey("BaseUrl"), ModuleAssembly.CmdletName(type) + " lacks -BaseUrl");
        }
    }

    [Fact]
    public void The_module_registers_one_assembly_initializer_that_also_cleans_up()
    {
        var initializers = _module.Cmdlets.GetExportedTypes()
            .Where(t => t.GetInterfaces().Any(i => i.Name == "IModuleAssemblyInitializer"))
            .ToList();
        Type initializer = Assert.Single(initializers);
        Assert.Contains(initializer.GetInterfaces(), i => i.Name == "IModuleAssemblyCleanup");
        Assert.NotNull(initializer.GetConstructor(Type.EmptyTypes));
    }

    [Fact]
    public void Every_error_category_the_pipeline_reports_exists_in_PowerShell()
    {
        Type errorCategory = _module.PowerShell.GetType("System.Management.Automation.ErrorCategory", throwOnError: true)!;
        var powerShellNames = errorCategory.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet();
        foreach (string name in Enum.GetNames(typeof(Core.Pipeline.PipelineErrorCategory)))
        {
            Assert.Contains(name, powerShellNames);
        }
    }
}
