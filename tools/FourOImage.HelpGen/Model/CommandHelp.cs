using System.Collections.Generic;

namespace FourOImage.HelpGen.Model;

/// <summary>One cmdlet page (docs/Verb-Noun.md) as the generator understands it.</summary>
public sealed record CommandHelp(
    string SourceFile,
    string ExternalHelpFile,
    string ModuleName,
    string Name,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<SyntaxBlock> Syntax,
    IReadOnlyList<string> Description,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<RelatedLink> RelatedLinks)
{
    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Contains('-') ? Name.Split('-', 2)[1] : string.Empty;
}
