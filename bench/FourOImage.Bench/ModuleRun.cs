using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Downloads;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Waiting;

namespace FourOImage.Bench;

/// <summary>
/// Run A: <c>Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage -Path dir</c> with every cmdlet's defaults,
/// through the operations the cmdlets run (GenerateOperation, WaitOperation, SaveOperation) and a pipeline thread that
/// behaves like PowerShell's (see <see cref="SimulatedCmdlet"/>). Rows are submitted as fast as ProcessRecord would be
/// called; each created task flows to the waiter and each finished task to the saver as it comes out.
/// </summary>
internal static class ModuleRun
{
    public static PipelineTally Run(ClientOptions clientOptions, int rows, int variants, string directory, CancellationToken cancellation)
    {
        var tally = new PipelineTally();
        Exception? failure = null;
        var pipelineThread = new Thread(() =>
        {
            try
            {
                RunPipeline(clientOptions, rows, variants, directory, tally, cancellation);
            }
            catch (Exception error)
            {
                failure = error;
            }
        })
        { Name = "pipeline", IsBackground = true };
        pipelineThread.Start();
        pipelineThread.Join();
        if (failure != null)
        {
            throw new InvalidOperationException("The simulated pipeline failed: " + failure.Message, failure);
        }

        return tally;
    }

    private static void RunPipeline(ClientOptions clientOptions, int rows, int variants, string directory, PipelineTally tally, CancellationToken cancellation)
    {
        // Built back to front, as each command's WriteObject is the next one's ProcessRecord.
        using var save = new SimulatedCmdlet(_ => tally.Object(), tally);
        using var saveOperation = new SaveOperation(
            save,
            Client(clientOptions, save),
            new SaveOptions { Directory = directory, MaxParallel = ThrottledOperation.DefaultThrottleLimit },
            new WaitOptions(),
            result => new FileInfo(result.FilePath),
            cancellation);

        using var wait = new SimulatedCmdlet(task => save.ProcessRecord(() => saveOperation.Submit(new TaskReference((ImageTask)task))), tally);
        using var waitOperation = new WaitOperation(
            wait,
            Client(clientOptions, wait),
            new WaitOptions { MaxConcurrentPolls = ThrottledOperation.DefaultThrottleLimit },
            cancellation);

        using var generate = new SimulatedCmdlet(task => wait.ProcessRecord(() => waitOperation.Submit(new TaskReference((ImageTask)task))), tally);
        using var generateOperation = new GenerateOperation(
            generate,
            Client(clientOptions, generate),
            ThrottledOperation.DefaultThrottleLimit,
            waitOptions: null,
            cancellation);

        generate.BeginProcessing();
        wait.BeginProcessing();
        save.BeginProcessing();
        for (var row = 0; row < rows; row++)
        {
            var input = new GenerateInput { Prompt = Prompts.For(row), Size = "1:1", Variants = variants };
            generate.ProcessRecord(() => generateOperation.Submit(input));
        }

        generate.EndProcessing(generateOperation.CompleteAsync);
        wait.EndProcessing(waitOperation.CompleteAsync);
        save.EndProcessing(saveOperation.CompleteAsync);
    }

    // Each cmdlet makes its own client (they share one HttpClient) and sends its diagnostics to verbose output.
    private static FourOImageClient Client(ClientOptions options, IPipelineSink sink)
    {
        var client = FourOImageClient.Create(options);
        client.Diagnostics = sink.WriteVerbose;
        return client;
    }
}
