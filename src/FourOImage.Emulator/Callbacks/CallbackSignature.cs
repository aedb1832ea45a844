using System;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace FourOImage.Emulator.Callbacks;

/// <summary>kie.ai's webhook signature: HMAC-SHA256 over "{taskId}.{timestamp}", base64, in X-Webhook-Signature.</summary>
internal static class CallbackSignature
{
    public const string TimestampHeader = "X-Webhook-Timestamp";
    public const string SignatureHeader = "X-Webhook-Signature";

    public static void Sign(HttpRequestMessage request, string taskId, string? key, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Compute(taskId, timestamp, key));
    }

    public static string Compute(string taskId, string timestamp, string key) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(taskId + "." + timestamp)));
}
