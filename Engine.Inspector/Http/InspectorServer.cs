using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Inspector.Http;

/// <summary>
/// Kestrel, HTTP/1.1 only, on one address, with the limits that keep a hostile local client from holding the
/// inspector's sockets and memory: a cap on connections (closed as soon as accepted beyond it), a time for the request
/// line and headers, an idle timeout, a minimum rate at which answers must be read (the write timeout), a small response
/// buffer per connection (in the process and in the kernel's send buffer), and no request body at all (the API is GET). Nothing is logged through ASP.NET; the inspector
/// logs its own lines.
/// </summary>
internal sealed class InspectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InspectorServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static InspectorServer Start(InspectorOptions options, RequestDelegate handle)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(InspectorServer).Assembly.GetName().Name });
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
        {
            // Accepted sockets inherit the listener's send buffer: a fixed one (no autotuning to megabytes) means a
            // client that stops reading fills it soon, its writes stall, and the write timeout below cuts it.
            Socket listener = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            listener.SendBufferSize = options.MaxResponseBufferBytes;
            return listener;
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            KestrelServerLimits limits = kestrel.Limits;
            limits.MaxConcurrentConnections = options.MaxConnections;
            limits.MaxConcurrentUpgradedConnections = 0;
            limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            limits.KeepAliveTimeout = options.KeepAliveTimeout;
            limits.MinResponseDataRate = new MinDataRate(options.MinResponseBytesPerSecond, options.WriteTimeout);
            limits.MaxResponseBufferSize = options.MaxResponseBufferBytes;
            limits.MaxRequestBodySize = 0;
            limits.MaxRequestLineSize = 4 * 1024;
            limits.MaxRequestHeadersTotalSize = 16 * 1024;
            limits.MaxRequestHeaderCount = 50;
        });
        WebApplication app = builder.Build();
        app.Run(handle);
        app.StartAsync().GetAwaiter().GetResult();

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InspectorServer(app, new Uri(bound).Port);
    }

    /// <summary>Stops accepting, gives requests in progress <paramref name="grace"/> to end, then closes everything.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
