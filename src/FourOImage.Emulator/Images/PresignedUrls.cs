using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Issues and checks S3-style presigned URLs on the image host (<c>/dl/{file}?X-Amz-...</c>), valid 20 minutes of
/// emulator time from issue.
/// </summary>
internal sealed class PresignedUrls
{
    public const string PathPrefix = "dl/";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public string Issue(Uri imageBase, string fileName, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        var expires = ((int)Lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var credential = Uri.EscapeDataString($"emulator/{now.UtcDateTime:yyyyMMdd}/auto/s3/aws4_request");
        var query = $"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={credential}&X-Amz-Date={date}" +
                    $"&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host&X-Amz-Signature={Sign(fileName, date, expires)}";
        return new Uri(imageBase, PathPrefix + fileName).AbsoluteUri + "?" + query;
    }

    /// <summary>Null when the URL is valid now; otherwise the reason to refuse it (403).</summary>
    public string? Check(string fileName, IQueryCollection query, DateTimeOffset now)
    {
        var date = query["X-Amz-Date"].ToString();
        var expires = query["X-Amz-Expires"].ToString();
        var signature = query["X-Amz-Signature"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(fileName, date, expires))))
        {
            return "SignatureDoesNotMatch";
        }

        var issued = DateTime.ParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var validFor = TimeSpan.FromSeconds(int.Parse(expires, CultureInfo.InvariantCulture));
        return now >= new DateTimeOffset(issued, TimeSpan.Zero) + validFor ? "Request has expired" : null;
    }

    private string Sign(string fileName, string date, string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{fileName}\n{date}\n{expires}")));
}
