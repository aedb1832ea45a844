using System.Globalization;

namespace FourOImage.Bench;

/// <summary>Number formats shared by the console table and the markdown report.</summary>
internal static class Format
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(double value) => value.ToString(value < 100 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string PerTask(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Megabytes (10^6 bytes); 0 means "not measured" unless <paramref name="always"/>.</summary>
    public static string Megabytes(long bytes, bool always = false) =>
        bytes == 0 && !always ? "-" : (bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture);
}
