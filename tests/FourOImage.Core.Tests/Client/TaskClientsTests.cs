using System;
using FourOImage.Core;
using Xunit;

namespace FourOImage.Core.Tests.Client;

/// <summary>Which client serves a task: the connection it carries, else the command's own, resolved only when needed.</summary>
public class TaskClientsTests
{
    private static readonly ClientOptions Made = new ClientOptions()
        .WithApiKey(ApiKey.FromString("emu_made"))
        .WithBaseUrl(new Uri("http://127.0.0.1:5001/"));

    private static readonly ClientOptions Own = new ClientOptions()
        .WithApiKey(ApiKey.FromString("emu_own"))
        .WithBaseUrl(new Uri("http://127.0.0.1:5002/"));

    private static ImageTask TaskWith(string id, ClientOptions? connection) => new(id) { Connection = connection };

    [Fact]
    public void A_task_with_a_connection_is_served_by_it_and_the_command_needs_no_key()
    {
        int ownResolved = 0;
        var clients = new TaskClients(connection =>
        {
            if (connection is null)
            {
                ownResolved++;
                throw new ApiKeyMissingException();
            }

            return FourOImageClient.Create(connection);
        });

        FourOImageClient first = clients.For(new TaskReference(TaskWith("t1", Made)));
        FourOImageClient second = clients.For(new TaskReference(TaskWith("t2", Made)));

        Assert.Same(Made.BaseUrl, first.Options.BaseUrl);
        Assert.Same(first, second); // one client per connection
        Assert.Same(first, clients.ForId("t2"));
        Assert.Equal(0, ownResolved);
        Assert.Equal(new ClientOptions().Retry.MaxAttempts, clients.Settings.Retry.MaxAttempts);
        Assert.Throws<ApiKeyMissingException>(() => clients.For(new TaskReference("bare-id")));
    }

    [Fact]
    public void A_task_without_a_connection_gets_the_commands_own_client()
    {
        var clients = new TaskClients(connection => FourOImageClient.Create(connection ?? Own));

        FourOImageClient fromFile = clients.For(new TaskReference(TaskWith("t1", null)));
        FourOImageClient byId = clients.For(new TaskReference("t2"));

        Assert.Equal(Own.BaseUrl, fromFile.Options.BaseUrl);
        Assert.Same(fromFile, byId);
        Assert.Same(fromFile, clients.ForId("never-seen"));
        Assert.Same(Own.BaseUrl, clients.Settings.BaseUrl);
    }

    [Fact]
    public void The_commands_settings_are_applied_over_the_tasks_connection()
    {
        var explicitUrl = new Uri("http://127.0.0.1:5003/");
        var clients = new TaskClients(connection =>
            FourOImageClient.Create(ClientConfiguration.Resolve(null, explicitUrl, null, connection ?? Own, _ => null)));

        FourOImageClient client = clients.For(new TaskReference(TaskWith("t1", Made)));

        Assert.Equal(explicitUrl, client.Options.BaseUrl);
        Assert.Same(Made.ApiKey, client.Options.ApiKey);
    }
}
