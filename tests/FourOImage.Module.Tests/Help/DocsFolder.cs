namespace FourOImage.Module.Tests.Help;

/// <summary>The repository's docs/ folder, the source of the module's help.</summary>
internal static class DocsFolder
{
    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "docs");
}
