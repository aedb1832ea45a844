using System.Collections.Generic;
using System.Linq;

namespace FourOImage.Core.Pipeline;

/// <summary>Task ids this process has created or seen (newest last, at most <see cref="Capacity"/>), for tab completion.</summary>
public static class SeenTaskIds
{
    public const int Capacity = 500;

    private static readonly LinkedList<string> s_ids = new();
    private static readonly HashSet<string> s_index = new();
    private static readonly object s_gate = new();

    public static void Add(string taskId)
    {
        lock (s_gate)
        {
            if (s_index.Contains(taskId))
            {
                s_ids.Remove(taskId);
            }
            else
            {
                s_index.Add(taskId);
            }

            s_ids.AddLast(taskId);
            if (s_ids.Count > Capacity)
            {
                s_index.Remove(s_ids.First!.Value);
                s_ids.RemoveFirst();
            }
        }
    }

    public static IReadOnlyList<string> Newest()
    {
        lock (s_gate)
        {
            return s_ids.Reverse().ToList();
        }
    }
}
