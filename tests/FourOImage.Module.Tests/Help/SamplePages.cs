namespace FourOImage.Module.Tests.Help;

/// <summary>Small but complete markdown pages the generator tests feed in.</summary>
internal static class SamplePages
{
    public const string CommandFile = "Get-Thing.md";

    public const string Command = """
        ---
        external help file: Sample.dll-Help.xml
        Module Name: Sample
        online version:
        schema: 2.0.0
        ---

        # Get-Thing

        ## SYNOPSIS
        Gets things
        from the store.

        ## SYNTAX

        ### ByName (Default)
        ```
        Get-Thing [-Name] <String> [-Size <String>] [-Force] [<CommonParameters>]
        ```

        ### ById
        ```
        Get-Thing -Id <String> [-Force] [<CommonParameters>]
        ```

        ## DESCRIPTION
        The **Get-Thing** cmdlet gets things.
        See [the guide](https://example.test/guide) and [Set-Thing](Set-Thing.md).

        - first point
        - second point

        ## EXAMPLES

        ### Example 1: Get one thing
        ```powershell
        Get-Thing -Name a
        ```

        Gets the thing named a.

        ### Example 2: From a CSV file
        ```powershell
        Import-Csv things.csv | Get-Thing
        ```

        Each row's Name column binds to -Name.

        ## PARAMETERS

        ### -Name
        The name of the thing.

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases: ThingName, n

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByPropertyName, ByValue)
        Accept wildcard characters: False
        ```

        ### -Size
        The size.

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases:
        Accepted values: 1:1, 3:2, 2:3

        Required: False
        Position: Named
        Default value: 1:1
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Id
        The id.

        ```yaml
        Type: String
        Parameter Sets: ById
        Aliases:

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Force
        Gets it anyway.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String
        A name.

        ## OUTPUTS

        ### Sample.Thing
        One per thing.

        ## NOTES
        Things are cached for a minute.

        ## RELATED LINKS

        [Set-Thing](Set-Thing.md)

        [Online](https://example.test/get-thing)
        """;

    public const string AboutFile = "about_Sample.md";

    public const string About = """
        # about_Sample

        ## SHORT DESCRIPTION
        Describes the Sample module.

        ## LONG DESCRIPTION
        The Sample module gets things. This sentence is long enough that it has to be wrapped somewhere before the eightieth column, and then once more.

        ### Configuration
        - An item whose text is long enough to wrap onto a second line, which is indented under the text.
        - A second item.

        ```powershell
        Get-Thing -Name a
        ```

        | Code | Meaning |
        |---|---|
        | 401 | Bad key |
        | 402 | No credits left |
        """;
}
