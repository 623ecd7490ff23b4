using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Sdk;

/// <summary>What the SDK reports through <see cref="ISdkListener.OnUpdate"/>.</summary>
public abstract record SdkUpdate(long CreatedAt);

/// <summary>A message applied to the session's view: exactly once, in seq order, without gaps.</summary>
public sealed record SdkMessageApplied(string SessionId, AppliedMessage Message, long CreatedAt) : SdkUpdate(CreatedAt);

/// <summary>The SDK-synthesised <c>session-ui</c> update (PROTOCOL.md §3, RUNTIME.md §4.3), sent when the derived UI changes.</summary>
public sealed record SdkSessionUi(string SessionId, SessionUi Ui, long CreatedAt) : SdkUpdate(CreatedAt);

/// <summary>Any other server update (new-session, update-session, terminals...), typed.</summary>
public sealed record SdkServerUpdate(UpdateEnvelope Envelope) : SdkUpdate(Envelope.CreatedAt);

/// <summary>An ephemeral: its <c>type</c>, the session or terminal it names, and the object verbatim.</summary>
public sealed record SdkEphemeral(string Type, string? Id, string RawJson);

/// <summary>One decrypted message of a session's applied view.</summary>
public sealed record AppliedMessage(long Seq, string Id, string? LocalId, string PlaintextJson, long CreatedAt);
