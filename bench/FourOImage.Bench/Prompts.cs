using System.Globalization;

namespace FourOImage.Bench;

/// <summary>The prompt of row <c>i</c> of the benchmark's CSV: distinct, of a typical length.</summary>
internal static class Prompts
{
    public static string For(int row) =>
        string.Create(CultureInfo.InvariantCulture, $"Benchmark prompt {row}: a lighthouse on a cliff at dusk, watercolor, soft light");
}
