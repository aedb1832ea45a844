using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace FourOImage.Emulator.Hosting;

/// <summary>
/// Replaces the console lifetime: an emulator inside a test host or a pwsh session must not take over Ctrl+C or
/// SIGTERM. Whoever starts the server stops it (Program.cs handles the signals itself).
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
