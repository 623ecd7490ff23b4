using Delight.Transport.RelayFront;

namespace Delight.Transport.Tests.Support;

/// <summary>A real relay on loopback for one test: the Node front (real socket.io 4.8) plus the .NET bridge to the
/// given backend. Restart kills the Node process and starts a new one on the same port, as a relay crash would.</summary>
public sealed class TestRelay : IAsyncDisposable
{
    private readonly RelayFrontBridge bridge;
    private RelayFrontProcess? front;

    private TestRelay(RelayFrontBridge bridge, RelayFrontProcess front)
    {
        this.bridge = bridge;
        this.front = front;
        Port = front.Port;
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public static async Task<TestRelay> StartAsync(IRelayFrontBackend backend)
    {
        var bridge = new RelayFrontBridge(backend, TestLog.Logger);
        bridge.Start();
        try
        {
            var front = await RelayFrontProcess.StartAsync(bridge.Port, logger: TestLog.Logger);
            return new TestRelay(bridge, front);
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the front; clients see their transport close and start reconnecting.</summary>
    public async Task StopFrontAsync()
    {
        if (front is not null)
        {
            await front.DisposeAsync();
            front = null;
        }
    }

    public async Task StartFrontAsync()
    {
        front ??= await RelayFrontProcess.StartAsync(bridge.Port, Port, logger: TestLog.Logger);
    }

    public async Task RestartFrontAsync()
    {
        await StopFrontAsync();
        await StartFrontAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopFrontAsync();
        await bridge.DisposeAsync();
    }
}
