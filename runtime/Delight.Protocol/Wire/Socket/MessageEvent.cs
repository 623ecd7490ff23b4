using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;

namespace Delight.Protocol.Wire.Socket;

/// <summary>
/// The <c>message</c> event. Client → server: <c>{sid, localId?, message:"&lt;base64&gt;"}</c> (aliases
/// <c>sessionId</c>, <c>content</c>). Also accepts the legacy server → client shapes of §6.5, where the
/// ciphertext sits in an envelope object; aliases are kept as sent so the payload re-encodes unchanged.
/// </summary>
public sealed record MessageEvent : SocketEvent
{
    public const string EventWireName = "message";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Sid { get; init; }

    /// <summary>Alias of <c>sid</c>.</summary>
    public Optional<string> SessionId { get; init; }

    /// <summary>Client idempotency key.</summary>
    public Optional<string> LocalId { get; init; }

    public Optional<CipherEnvelope> Message { get; init; }

    /// <summary>Alias of <c>message</c>, used only when <c>message</c> is absent or null.</summary>
    public Optional<CipherEnvelope> Content { get; init; }

    /// <summary>The session id from <c>sid</c>, else <c>sessionId</c>; null means "use the socket's own".</summary>
    [JsonIgnore]
    public string? SessionIdAnyAlias => Sid.Value ?? SessionId.Value;

    /// <summary>The ciphertext by the §6.5 rules (<c>message</c> first, then <c>content</c>); null = no cipher.</summary>
    [JsonIgnore]
    public string? Cipher => (Message.Value ?? Content.Value)?.Cipher;

    /// <summary>The canonical client → server event.</summary>
    public static MessageEvent Create(string sessionId, string cipher, string? localId = null) => new()
    {
        Sid = sessionId,
        Message = new CipherText(cipher),
        LocalId = localId is null ? Optional<string>.Absent : localId,
    };
}
