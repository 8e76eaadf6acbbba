using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Ascribe.Web.Tests;

/// <summary>The web application on an in-memory server, with a client for it.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<TestApp> StartAsync(WebServerOptions? options = null)
    {
        var app = WebServer.Build(options ?? new WebServerOptions(), builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new TestApp(app);
    }

    public static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "putin-inner-circle.txt"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
