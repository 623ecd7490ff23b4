using Delight.Runtime.Mailbox;
using Delight.Runtime.Relay.Auth;
using Delight.Runtime.Relay.Storage;

namespace Delight.Runtime.Relay;

/// <summary>The relay's injected world and limits.</summary>
public sealed record RelayOptions(
    TimeProvider Time,
    IMailboxFactory Mailboxes,
    IRelayIdSource Ids,
    ITokenService Tokens,
    IChallengeVerifier ChallengeVerifier,
    IRelayRandom Random,
    IRelayStore Store)
{
    /// <summary>Per-account inbox (the ingest queue). Full = producers wait (backpressure), never a drop.</summary>
    public int AccountInboxCapacity { get; init; } = 256;

    public int EffectsCapacity { get; init; } = 256;

    /// <summary>Per-connection outbox. Full = the account's effects runner waits for that client.</summary>
    public int OutboxCapacity { get; init; } = 1024;

    /// <summary>How long a forwarded <c>rpc-request</c> waits for the target's ack (PROTOCOL.md §5.1).</summary>
    public TimeSpan RpcForwardTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Auth challenge lifetime (PROTOCOL.md §7.1).</summary>
    public TimeSpan ChallengeTtl { get; init; } = TimeSpan.FromMinutes(5);

    public IRelayDiagnostics? Diagnostics { get; init; }
}
