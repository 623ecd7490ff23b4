using Delight.Runtime.Mailbox;
using Delight.Runtime.Transport;

namespace Delight.Runtime.Sdk;

/// <summary>The SDK's injected world and limits. HTTP goes through <see cref="HttpTransport"/> when set, otherwise
/// through <see cref="Http"/> (one of the two is required).</summary>
public sealed record SdkOptions(
    HttpClient? Http,
    Func<string, ISocketConnection> UserSocketFactory,
    ISdkCrypto Crypto,
    TimeProvider Time,
    IMailboxFactory Mailboxes,
    Func<string> NewLocalId)
{
    /// <summary>The HTTP path as text (the simulation's); overrides <see cref="Http"/>.</summary>
    public ISdkHttp? HttpTransport { get; init; }

    public int DispatcherCapacity { get; init; } = 256;

    /// <summary>Large, because the dispatcher must never wait on a listener that is itself waiting on the dispatcher.</summary>
    public int CallbackCapacity { get; init; } = 4096;

    public TimeSpan RpcAckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After a connect, a failed session list is retried after this delay, doubling (four times at most),
    /// while the connection lasts.</summary>
    public TimeSpan SessionsRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a switch spinner may stay up without an answer (RUNTIME.md §4.3).</summary>
    public TimeSpan SwitchingTtl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A <c>working=false</c> from a list within this window after seeing <c>true</c> is ignored (anti-flicker).</summary>
    public TimeSpan StickyWorking { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After a send, the session counts as busy until its turn starts or this passes (3.10-H fix).</summary>
    public TimeSpan PendingSendTtl { get; init; } = TimeSpan.FromSeconds(15);
}
