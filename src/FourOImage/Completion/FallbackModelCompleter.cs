using System.Collections.Generic;
using FourOImage.Core;

namespace FourOImage.Commands;

/// <summary>Completes -FallbackModel with the models the service falls back to.</summary>
public sealed class FallbackModelCompleter : ValueListCompleter
{
    protected override IEnumerable<string> Values => GenerateRequest.FallbackModels;
}
