using System.Runtime.CompilerServices;
using FourOImage.Core.Downloads;

namespace FourOImage.Core.Gallery;

/// <summary>
/// Ties an object a cmdlet emits (Save-4oImage's file item) to the <see cref="BatchRecord"/> of the batch it came from,
/// without a visible property: the tie is held weakly by the object itself, so it lives exactly as long as the object,
/// is seen only by whoever holds that object, and never joins unrelated batches or runspaces.
/// </summary>
public static class BatchLinks
{
    private static readonly ConditionalWeakTable<object, BatchRecord> Links = new();

    /// <summary>Ties <paramref name="output"/> to the batch of the task <paramref name="saved"/> came from, when it has one.</summary>
    public static void Link(object output, SaveResult saved)
    {
        if (saved.Batch is { } batch)
        {
            lock (Links)
            {
                Links.Remove(output);
                Links.Add(output, batch);
            }
        }
    }

    /// <summary>The batch an object came from: a task's own, a saved image's, or one tied by <see cref="Link"/>; else null.</summary>
    public static BatchRecord? Of(object item) => item switch
    {
        ImageTask task => task.Batch,
        SaveResult saved => saved.Batch,
        _ => Links.TryGetValue(item, out var batch) ? batch : null,
    };
}
