namespace Delight.Runtime.Session;

/// <summary>The relay's stored messages of a session (<c>GET /v1/sessions/:id/messages?afterSeq=N</c>, PROTOCOL.md
/// §7), used by the session to catch up on phone texts sent while its socket was down.</summary>
public interface ISessionHistory
{
    /// <summary>Messages with seq greater than <paramref name="afterSeq"/>, ascending. Throws when the call fails.</summary>
    Task<IReadOnlyList<StoredSessionMessage>> FetchAfterAsync(string sessionId, long afterSeq, CancellationToken cancellationToken);
}

/// <summary>One stored message as the relay returns it: still encrypted.</summary>
public sealed record StoredSessionMessage(long Seq, string Id, string? LocalId, string Ciphertext);
