namespace Delight.Runtime.Relay.State;

/// <summary>One ingested message; <see cref="Ciphertext"/> is stored as content <c>{t:"encrypted",c}</c>.</summary>
public sealed record StoredMessage(string Id, long Seq, string? LocalId, string Ciphertext, long CreatedAtMs, long UpdatedAtMs);
