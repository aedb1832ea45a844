using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FourOImage.Core;

namespace FourOImage.Commands;

/// <summary>Completes -Variants with the counts the service takes: 1, 2 and 4.</summary>
public sealed class VariantsCompleter : ValueListCompleter
{
    protected override IEnumerable<string> Values => GenerateRequest.VariantCounts.Select(count => count.ToString(CultureInfo.InvariantCulture));
}
