using System.Collections.Immutable;

namespace Delight.Runtime.Relay.State;

/// <summary>One session row plus its messages. <see cref="Seq"/> is the last allocated message seq; with duplicate
/// local ids refused before allocation it is also the message count (gap-free).</summary>
public sealed record SessionRecord(
    string Id,
    string Tag,
    string TerminalId,
    long Seq,
    long CreatedAtMs,
    long UpdatedAtMs,
    bool Active,
    long ActiveAtMs,
    string Metadata,
    long MetadataVersion,
    string? AgentState,
    long AgentStateVersion,
    string? DataEncryptionKey,
    TurnState Turn,
    ImmutableList<StoredMessage> Messages,
    ImmutableHashSet<string> LocalIds);
