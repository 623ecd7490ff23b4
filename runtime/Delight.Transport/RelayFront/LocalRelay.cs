using Delight.Runtime.Relay;
using Delight.Runtime.Relay.Auth;
using Delight.Runtime.Relay.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Delight.Transport.RelayFront;

/// <summary>
/// A complete relay on loopback: the relay runtime (<see cref="RelayServer"/>) behind the Node front, which speaks
/// real Socket.IO 4.8 and HTTP. <see cref="RestartAsync"/> kills the front and the relay runtime and starts both
/// again from the same store on the same port, as a relay process restart would.
/// </summary>
public sealed class LocalRelay : IAsyncDisposable
{
    private readonly LocalRelayOptions options;
    private readonly ILogger logger;
    private byte[] tokenKey;
    private RelayServer? server;
    private RelayServerBackend? backend;
    private RelayFrontBridge? bridge;
    private RelayFrontProcess? front;

    private LocalRelay(LocalRelayOptions options)
    {
        this.options = options;
        logger = options.Logger ?? NullLogger.Instance;
        tokenKey = options.TokenKey;
        Port = options.Port;
    }

    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public IRelayStore Store => options.Store;

    /// <summary>The running relay runtime (a new instance after each restart).</summary>
    public RelayServer Server => server ?? throw new InvalidOperationException("the relay is stopped");

    public bool IsRunning => front is not null;

    public static async Task<LocalRelay> StartAsync(LocalRelayOptions? options = null, CancellationToken cancellationToken = default)
    {
        var relay = new LocalRelay(options ?? new LocalRelayOptions());
        try
        {
            await relay.StartAsync(cancellationToken).ConfigureAwait(false);
            return relay;
        }
        catch
        {
            await relay.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the relay runtime from the store, then the front (on the previous port after a stop).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (front is not null)
        {
            return;
        }

        var time = TimeProvider.System;
        server = new RelayServer(new RelayOptions(
            time,
            options.Mailboxes,
            new ServerIdSource(time),
            new HmacTokenService(tokenKey, time),
            Ed25519ChallengeVerifier.Instance,
            CryptoRelayRandom.Instance,
            options.Store)
        {
            RpcForwardTimeout = options.RpcForwardTimeout,
        });
        backend = new RelayServerBackend(server, logger);
        bridge = new RelayFrontBridge(backend, logger);
        bridge.Start();
        front = await RelayFrontProcess.StartAsync(bridge.Port, Port, logger: logger, cancellationToken: cancellationToken).ConfigureAwait(false);
        Port = front.Port;
    }

    /// <summary>Kills the front and stops the relay runtime; durable state stays in the store.</summary>
    public async Task StopAsync()
    {
        if (front is not null)
        {
            await front.DisposeAsync().ConfigureAwait(false);
            front = null;
        }

        if (bridge is not null)
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
            bridge = null;
        }

        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            server = null;
        }

        backend?.Dispose();
        backend = null;
    }

    /// <summary>Stops and starts again. With <paramref name="newTokenKey"/> the tokens issued before stop working
    /// (clients see 401 or a refused handshake and must log in again).</summary>
    public async Task RestartAsync(byte[]? newTokenKey = null, CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        if (newTokenKey is not null)
        {
            tokenKey = newTokenKey;
        }

        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
