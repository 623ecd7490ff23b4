namespace Delight.Runtime.Relay.Connections;

/// <summary>Socket scope from the handshake <c>clientType</c> (PROTOCOL.md §1.3).</summary>
public enum ClientScope
{
    UserScoped,
    SessionScoped,
    TerminalScoped,
}
