using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delight.Transport.RelayFront;

/// <summary>
/// The .NET end of the test relay: listens on a loopback TCP port for the Node front (runtime/Delight.RelayFront)
/// and turns its newline-delimited JSON into calls on an <see cref="IRelayFrontBackend"/>. A restarted front simply
/// connects again; the sockets of the old one are reported disconnected.
/// </summary>
public sealed class RelayFrontBridge : IAsyncDisposable
{
    private readonly IRelayFrontBackend backend;
    private readonly ILogger logger;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly object gate = new();
    private readonly List<FrontConnection> fronts = [];
    private Task? acceptLoop;

    public RelayFrontBridge(IRelayFrontBackend backend, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        this.backend = backend;
        this.logger = logger ?? NullLogger.Instance;
        listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The loopback port the front connects to (its <c>--bridge-port</c>). Valid after <see cref="Start"/>.</summary>
    public int Port { get; private set; }

    public void Start()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        var number = 0;
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                logger.LogWarning("bridge accept failed: {Error}", e.Message);
                continue;
            }

            client.NoDelay = true;
            var front = new FrontConnection(++number, client, backend, logger);
            lock (gate)
            {
                fronts.RemoveAll(f => f.IsClosed);
                fronts.Add(front);
            }

            front.Start(stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        if (acceptLoop is not null)
        {
            await acceptLoop.ConfigureAwait(false);
        }

        FrontConnection[] all;
        lock (gate)
        {
            all = [.. fronts];
        }

        foreach (var front in all)
        {
            await front.DisposeAsync().ConfigureAwait(false);
        }

        stop.Dispose();
    }
}
