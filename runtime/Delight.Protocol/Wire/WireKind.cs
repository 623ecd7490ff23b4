namespace Delight.Protocol.Wire;

/// <summary>The kinds of payload <see cref="WireCodec.Detect"/> can tell apart by shape.</summary>
public enum WireKind
{
    /// <summary><c>update</c> envelope: <c>{id, seq, body{t,...}, createdAt}</c>.</summary>
    Update,

    /// <summary>A bare update body <c>{t, ...}</c>.</summary>
    UpdateBody,

    /// <summary>An <c>ephemeral</c> <c>{type, ...}</c>.</summary>
    Ephemeral,

    /// <summary>A <c>message</c> event <c>{sid?, localId?, message|content}</c>.</summary>
    MessageEvent,

    /// <summary>Stored message content <c>{t:"encrypted", c}</c>.</summary>
    MessageContent,

    /// <summary>A plaintext raw record (user text, agent output, ui.event, Claude transcript line).</summary>
    Record,

    /// <summary>RPC params (plaintext JSON object).</summary>
    RpcParams,
}
