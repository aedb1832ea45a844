using System;

namespace FourOImage.Core;

/// <summary>
/// Whether the service's message speaks of credits. The service answers an empty balance with code 402, but the same
/// platform has also sent it as 429 ("The current credits are insufficient. Please top up.") and as 500 ("Credits
/// insufficient : ..."); such an answer means insufficient credits whatever its code.
/// </summary>
internal static class CreditsMessage
{
    // English as the service writes it, and Chinese (积分 credits, 余额 balance, 充值 top up) as it may write it.
    private static readonly string[] Words = { "credit", "top up", "积分", "余额", "充值" };

    public static bool IsAboutCredits(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return false;
        }

        foreach (var word in Words)
        {
            if (message!.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        // "Your current balance isn't enough", "insufficient balance" (but not a load balancer).
        return message!.IndexOf("balance", StringComparison.OrdinalIgnoreCase) >= 0
            && (message.IndexOf("insufficient", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("enough", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
