namespace FourOImage;

/// <summary>
/// Credit amounts in one form: a decimal keeps the scale it was computed with (100.0 - 94.0 is 6.0, 45 is 45), so
/// the same kind of number would print as "6.0" in one place and "45" in another. Trailing zeros are dropped.
/// </summary>
internal static class CreditAmount
{
    // Dividing by 1 written with the most decimals a decimal holds gives the smallest scale that keeps the value.
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
