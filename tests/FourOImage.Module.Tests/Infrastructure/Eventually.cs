using System;
using System.Threading.Tasks;

namespace FourOImage.Module.Tests;

/// <summary>Waits for a condition with a generous deadline (a hang guard, not a timing assertion).</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, int seconds = 20)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
