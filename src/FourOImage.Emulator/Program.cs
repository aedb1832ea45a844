using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Emulator;

var options = EmulatorCommandLine.Parse(args);
await using var server = await EmulatorServer.StartAsync(options);
Console.WriteLine($"4o Image API emulator");
Console.WriteLine($"  API base URL:   {server.ApiBaseUrl}");
Console.WriteLine($"  Image base URL: {server.ImageBaseUrl}");
Console.WriteLine($"  Admin:          {server.AdminUrl}");
Console.WriteLine($"  API key:        {server.ApiKey}");
Console.WriteLine("Press Ctrl+C to stop.");

var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
await stopped.Task;
