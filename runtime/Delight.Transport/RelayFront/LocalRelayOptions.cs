using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Storage;
using Microsoft.Extensions.Logging;

namespace Delight.Transport.RelayFront;

/// <summary>Settings of a <see cref="LocalRelay"/>.</summary>
public sealed record LocalRelayOptions
{
    /// <summary>The relay's token signing key (at least 32 bytes). A restart keeps it unless told otherwise, so
    /// tokens issued before the restart stay valid.</summary>
    public byte[] TokenKey { get; init; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>What survives a restart. In memory by default; any <see cref="IRelayStore"/> works.</summary>
    public IRelayStore Store { get; init; } = new InMemoryRelayStore();

    /// <summary>HTTP and Socket.IO port on 127.0.0.1; 0 picks a free one (kept across restarts).</summary>
    public int Port { get; init; }

    public TimeSpan RpcForwardTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ILogger? Logger { get; init; }

    /// <summary>The relay runtime's mailboxes. A process whose Delight.Runtime is Coyote-rewritten (the delight-sim
    /// tests) passes <see cref="SimulationMailboxFactory"/>: the rewritten channel mailbox fails outside Coyote.</summary>
    public IMailboxFactory Mailboxes { get; init; } = ChannelMailboxFactory.Instance;
}
