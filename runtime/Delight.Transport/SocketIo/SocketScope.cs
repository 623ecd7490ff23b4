using System.Text.Json.Nodes;

namespace Delight.Transport.SocketIo;

/// <summary>Which of the three socket kinds a connection is (PROTOCOL.md §1.3): the CLI opens a session- and a
/// terminal-scoped socket, the phone one user-scoped socket.</summary>
public sealed record SocketScope
{
    private SocketScope(string clientType, string? sessionId, string? terminalId)
    {
        ClientType = clientType;
        SessionId = sessionId;
        TerminalId = terminalId;
    }

    public string ClientType { get; }

    public string? SessionId { get; }

    public string? TerminalId { get; }

    public static SocketScope UserScoped() => new("user-scoped", null, null);

    public static SocketScope SessionScoped(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return new SocketScope("session-scoped", sessionId, null);
    }

    public static SocketScope TerminalScoped(string terminalId)
    {
        ArgumentException.ThrowIfNullOrEmpty(terminalId);
        return new SocketScope("terminal-scoped", null, terminalId);
    }

    /// <summary>The Socket.IO v4 CONNECT <c>auth</c> object: the raw token (no Bearer prefix), the client type and the
    /// id its scope needs.</summary>
    public JsonObject ToHandshakeAuth(string token)
    {
        var auth = new JsonObject { ["token"] = token, ["clientType"] = ClientType };
        if (SessionId is not null)
        {
            auth["sessionId"] = SessionId;
        }

        if (TerminalId is not null)
        {
            auth["terminalId"] = TerminalId;
        }

        return auth;
    }
}
