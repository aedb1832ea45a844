using System.Collections.Generic;
using FourOImage.Core;

namespace FourOImage.Commands;

/// <summary>Completes -Size with the service's aspect ratios.</summary>
public sealed class SizeCompleter : ValueListCompleter
{
    protected override IEnumerable<string> Values => GenerateRequest.Sizes;
}
