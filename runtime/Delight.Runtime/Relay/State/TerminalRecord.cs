namespace Delight.Runtime.Relay.State;

public sealed record TerminalRecord(
    string Id,
    string Metadata,
    long MetadataVersion,
    string? DaemonState,
    long DaemonStateVersion,
    string? DataEncryptionKey,
    bool Active,
    long ActiveAtMs,
    long CreatedAtMs,
    long UpdatedAtMs);
