using System.Collections.Generic;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>Completes -TaskId with the ids of tasks this session has created or seen, newest first.</summary>
public sealed class TaskIdCompleter : ValueListCompleter
{
    protected override IEnumerable<string> Values => SeenTaskIds.Newest();
}
