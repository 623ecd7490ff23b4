namespace Delight.Runtime.Relay.Http;

// Typed HTTP requests (PROTOCOL.md §7). Protected ones are answered by the caller's account runtime.

/// <summary>A protected request, answered by the account runtime of the token's subject.</summary>
public abstract record AccountHttpRequest;

/// <summary><c>GET /v1/sessions?limit=n</c> (default 150, max 200).</summary>
public sealed record ListSessionsRequest(int? Limit = null) : AccountHttpRequest;

/// <summary><c>POST /v1/sessions</c>.</summary>
public sealed record CreateSessionRequest(string Tag, string TerminalId, string Metadata, string? AgentState = null, string? DataEncryptionKey = null) : AccountHttpRequest;

/// <summary><c>GET /v1/sessions/:id</c>.</summary>
public sealed record GetSessionRequest(string SessionId) : AccountHttpRequest;

/// <summary><c>GET /v1/sessions/:id/messages</c>; precedence beforeSeq &gt; afterSeq &gt; offset &gt; default.</summary>
public sealed record ListMessagesRequest(string SessionId, int? Limit = null, long? BeforeSeq = null, long? AfterSeq = null, int? Offset = null) : AccountHttpRequest;

/// <summary><c>GET /v1/terminals</c> (bare array).</summary>
public sealed record ListTerminalsRequest : AccountHttpRequest;

/// <summary><c>POST /v1/terminals</c>.</summary>
public sealed record CreateTerminalRequest(string Id, string Metadata, string? DaemonState = null, string? DataEncryptionKey = null) : AccountHttpRequest;

/// <summary><c>GET /v1/terminals/:id</c>.</summary>
public sealed record GetTerminalRequest(string TerminalId) : AccountHttpRequest;

/// <summary><c>POST /v1/auth/challenge</c> (public).</summary>
public sealed record AuthChallengeRequest(string PublicKey);

/// <summary><c>POST /v1/auth</c> (public).</summary>
public sealed record AuthRequest(string PublicKey, string ChallengeId, string Signature);
