using System;
using System.Runtime.CompilerServices;

namespace FourOImage.Core;

/// <summary>
/// The settings Connect-4oImage made: one connection per owner (the cmdlets pass their runspace), and at most one for
/// the whole process (-Scope Process) that owners without their own use. Hosts that run several callers' runspaces in
/// one process (the Azure Functions PowerShell worker, PowerShell Universal) thus never share a key by accident.
/// An owner's entry goes with the owner: the table holds it weakly.
/// </summary>
public static class SessionConnections
{
    private static readonly ConditionalWeakTable<object, Slot> s_byOwner = new();
    private static readonly object s_gate = new();
    private static ClientOptions? s_process;
    private static WeakReference<object>? s_processOwner;

    /// <summary>The owner's connection, else the process's; null when neither connected.</summary>
    public static ClientOptions? For(object owner)
    {
        if (s_byOwner.TryGetValue(owner, out Slot? slot) && slot.Options is { } own)
        {
            return own;
        }

        lock (s_gate)
        {
            return s_process;
        }
    }

    /// <summary>
    /// Makes <paramref name="options"/> the owner's connection, or with <see cref="ConnectionScope.Process"/> the
    /// process's; then the owner drops a connection of its own, so it uses the one it just made.
    /// </summary>
    public static void Connect(object owner, ClientOptions options, ConnectionScope scope)
    {
        Slot slot = s_byOwner.GetValue(owner, _ => new Slot());
        if (scope == ConnectionScope.Process)
        {
            lock (s_gate)
            {
                s_process = options;
                s_processOwner = new WeakReference<object>(owner);
            }

            slot.Options = null;
        }
        else
        {
            slot.Options = options;
        }
    }

    /// <summary>Forgets the owner's connection, and the process's when this owner made it (Remove-Module).</summary>
    public static void Disconnect(object owner)
    {
        if (s_byOwner.TryGetValue(owner, out Slot? slot))
        {
            slot.Options = null;
        }

        lock (s_gate)
        {
            if (s_processOwner != null && s_processOwner.TryGetTarget(out object? maker) && ReferenceEquals(maker, owner))
            {
                s_process = null;
                s_processOwner = null;
            }
        }
    }

    private sealed class Slot
    {
        private volatile ClientOptions? _options;

        public ClientOptions? Options
        {
            get => _options;
            set => _options = value;
        }
    }
}
