using System.Runtime.CompilerServices;
using System.Text;

namespace FourOImage.Core.Tests;

/// <summary>
/// PowerShell 7 registers the code-page encodings at startup and .NET Framework has them built in; this test process
/// does the same, so Windows-1252 is there as it is in either PowerShell.
/// </summary>
internal static class CodePages
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
