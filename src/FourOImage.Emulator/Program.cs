using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using FourOImage.Emulator;

if (args is ["--help"] or ["-h"] or ["-?"])
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

EmulatorOptions options;
try
{
    options = EmulatorCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(options);
}
catch (Exception e) when (e is IOException or ArgumentException)
{
    Console.Error.WriteLine($"The emulator could not start: {e.Message}");
    return 1;
}

await using var running = server;
Console.WriteLine("4o Image API emulator");
Console.WriteLine($"  API base URL:   {server.ApiBaseUrl}");
Console.WriteLine($"  Image base URL: {server.ImageBaseUrl}");
Console.WriteLine($"  Admin:          {server.AdminUrl}");
Console.WriteLine($"  API key:        {server.ApiKey}");
Console.WriteLine(server.SubmissionWindow.Limit == 0
    ? "  Submission window: off"
    : $"  Submission window: {server.SubmissionWindow.Limit} new tasks per {server.SubmissionWindow.Length.TotalSeconds:0.###} s per key");
Console.WriteLine("Press Ctrl+C to stop.");

var stopped = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}
