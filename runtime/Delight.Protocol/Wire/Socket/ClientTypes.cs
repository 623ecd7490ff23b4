namespace Delight.Protocol.Wire.Socket;

/// <summary>Values of <c>clientType</c> in the handshake.</summary>
public static class ClientTypes
{
    public const string UserScoped = "user-scoped";
    public const string SessionScoped = "session-scoped";
    public const string TerminalScoped = "terminal-scoped";
}
