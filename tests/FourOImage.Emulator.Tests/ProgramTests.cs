using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

/// <summary>The emulator as a process, the way build.ps1 and the Pester suite start it.</summary>
public sealed class ProgramTests
{
    private static ProcessStartInfo Emulator(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FourOImage.Emulator.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    [Fact]
    public async Task It_prints_the_api_url_image_url_admin_url_and_key_and_serves_until_stopped()
    {
        using var process = Process.Start(Emulator("--urls", "http://127.0.0.1:0", "--keys", "emu_process_test", "--generation-time", "0.1"))!;
        try
        {
            var lines = new Dictionary<string, string>();
            while (lines.Count < 4 && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0)
                {
                    lines[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            Assert.Equal("emu_process_test", lines["API key"]);
            var api = new Uri(lines["API base URL"]);
            Assert.NotEqual(0, api.Port);
            Assert.NotEqual(api.Port, new Uri(lines["Image base URL"]).Port);
            Assert.Equal(new Uri(api, "admin/"), new Uri(lines["Admin"]));

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, "api/v1/chat/credit"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "emu_process_test");
            using var response = await http.SendAsync(request);
            Assert.Contains("\"code\":200", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_bad_option_exits_2_with_a_message_naming_it()
    {
        using var process = Process.Start(Emulator("--seeed", "1"))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--seeed", error);
    }
}
