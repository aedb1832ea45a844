using System.Management.Automation;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>Get-4oCredit: the account's remaining credits (decimal) and the endpoint they came from.</summary>
[Cmdlet(VerbsCommon.Get, "4oCredit")]
[OutputType(typeof(CreditBalance))]
public sealed class Get4oCreditCommand : FourOImageCmdlet
{
    protected override string TerminatingErrorArea => PipelineErrors.Areas.Credit;

    protected override Task Complete() => EmitBalanceAsync(CreateClient());

    private async Task EmitBalanceAsync(FourOImage.Core.FourOImageClient client) =>
        Sink.WriteObject(await CreditQuery.GetAsync(client, Cancellation).ConfigureAwait(false));
}
