namespace Delight.Transport.SocketIo;

/// <summary>Settings of one real Socket.IO connection. Defaults are the Go client's (PROTOCOL.md §1.2): path
/// <c>/v1/updates</c>, websocket only, reconnect delay 5 s growing to 30 s, connect timeout 15 s.</summary>
public sealed record SocketIoConnectionOptions
{
    /// <summary>The relay's base URL, for example <c>http://127.0.0.1:3005</c>.</summary>
    public required Uri ServerUri { get; init; }

    public required SocketScope Scope { get; init; }

    public string Path { get; init; } = "/v1/updates";

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many emits made while offline are kept and sent once the next connection is up (the Go client
    /// buffers them too, RUNTIME.md F6). Older frames are dropped past this bound, with a log line.</summary>
    public int OfflineBufferCapacity { get; init; } = 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
