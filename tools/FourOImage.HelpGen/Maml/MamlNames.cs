using System.Xml.Linq;

namespace FourOImage.HelpGen.Maml;

/// <summary>
/// The namespaces of PowerShell's MAML command help, as Microsoft's own help files and platyPS declare them.
/// PowerShell matches elements by local name and needs schema="maml" on helpItems; the namespaces keep the
/// file valid against the MAML schema and familiar to other tools.
/// </summary>
public static class MamlNames
{
    public static readonly XNamespace MshNs = "http://msh";
    public static readonly XNamespace MamlNs = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelpNs = "http://msdn.microsoft.com/mshelp";
}
