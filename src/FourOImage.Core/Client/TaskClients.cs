using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core;

/// <summary>
/// Which client serves each task of a command: the one for the connection the task was created or read with
/// (<see cref="ImageTask.Connection"/>), under the command's own -ApiKey and -BaseUrl; a task without one (an id, a row
/// read back from a file) gets the command's own settings. A task's client is remembered by its id, so its polls and
/// downloads all go to the account that made it. The command's own client is resolved only when a task needs it, so
/// <c>New-4oImage -ApiKey $k | Wait-4oImageTask</c> needs no key of its own.
/// </summary>
public sealed class TaskClients
{
    private readonly Func<ClientOptions?, FourOImageClient> _create;
    private readonly object _gate = new();
    private readonly Dictionary<ClientOptions, FourOImageClient> _byConnection = new(ReferenceComparer.Instance);
    private readonly ConcurrentDictionary<string, FourOImageClient> _byTaskId = new(StringComparer.Ordinal);
    private FourOImageClient? _own;

    /// <param name="create">
    /// Makes the client for a task's connection, or for null the command's own; may throw
    /// <see cref="ApiKeyMissingException"/> (the command has no key) or <see cref="ArgumentException"/>.
    /// </param>
    public TaskClients(Func<ClientOptions?, FourOImageClient> create)
    {
        _create = create ?? throw new ArgumentNullException(nameof(create));
    }

    /// <summary>Every task served by one client, whatever connection it carries (tests, and callers of Core).</summary>
    public static TaskClients Of(FourOImageClient client)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        return new TaskClients(_ => client) { _own = client };
    }

    /// <summary>
    /// The settings that hold for the whole command (retries, the grace of new tasks): the command's own when it has a
    /// key, else the defaults.
    /// </summary>
    public ClientOptions Settings
    {
        get
        {
            try
            {
                return Own().Options;
            }
            catch (ApiKeyMissingException)
            {
                return new ClientOptions();
            }
        }
    }

    /// <summary>The client for the task, remembered for its id. Throws as the constructor's delegate does.</summary>
    public FourOImageClient For(TaskReference reference)
    {
        if (reference is null)
        {
            throw new ArgumentNullException(nameof(reference));
        }

        FourOImageClient client = reference.Task?.Connection is { } connection ? ForConnection(connection) : Own();
        _byTaskId[reference.TaskId] = client;
        return client;
    }

    /// <summary>The client chosen for the task with this id by <see cref="For"/>, else the command's own.</summary>
    public FourOImageClient ForId(string taskId) => _byTaskId.TryGetValue(taskId, out FourOImageClient? client) ? client : Own();

    /// <summary>Reads the task through the client chosen for it.</summary>
    public Task<ImageTask> GetTaskAsync(string taskId, CancellationToken cancellationToken) => ForId(taskId).GetTaskAsync(taskId, cancellationToken);

    /// <summary>Asks the account that made the task for a fresh URL.</summary>
    public Task<Uri> GetDownloadUrlAsync(string taskId, string resultUrl, CancellationToken cancellationToken) =>
        ForId(taskId).GetDownloadUrlAsync(taskId, resultUrl, cancellationToken);

    /// <summary>
    /// Fetches an image through a client whose API host is the image's host when there is one (only that client may
    /// send its key there), else through any client in use (they differ only in proxy and key).
    /// </summary>
    public Task<HttpResponseMessage> GetImageAsync(Uri url, CancellationToken cancellationToken)
    {
        FourOImageClient? chosen = null;
        lock (_gate)
        {
            foreach (FourOImageClient client in Known())
            {
                if (chosen is null || string.Equals(client.Options.BaseUrl.Host, url.Host, StringComparison.OrdinalIgnoreCase))
                {
                    chosen = client;
                }
            }
        }

        return (chosen ?? Own()).GetImageAsync(url, cancellationToken);
    }

    private IEnumerable<FourOImageClient> Known()
    {
        if (_own != null)
        {
            yield return _own;
        }

        foreach (FourOImageClient client in _byConnection.Values)
        {
            yield return client;
        }
    }

    private FourOImageClient Own()
    {
        lock (_gate)
        {
            return _own ??= _create(null);
        }
    }

    private FourOImageClient ForConnection(ClientOptions connection)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connection, out FourOImageClient? client))
            {
                client = _create(connection);
                _byConnection.Add(connection, client);
            }

            return client;
        }
    }

    private sealed class ReferenceComparer : IEqualityComparer<ClientOptions>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(ClientOptions? x, ClientOptions? y) => ReferenceEquals(x, y);

        public int GetHashCode(ClientOptions obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
