using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary>
/// The Socket.IO CONNECT <c>auth</c> object (§1.3): <c>{token, clientType, sessionId?, terminalId?}</c>.
/// Legacy <c>machine-scoped</c>/<c>machineId</c> are read as <c>terminal-scoped</c>/<c>terminalId</c>.
/// </summary>
public sealed record HandshakeAuth
{
    /// <summary>The raw JWT, no <c>Bearer </c> prefix.</summary>
    public Optional<string> Token { get; init; }

    /// <summary><see cref="ClientTypes"/>; empty or missing means user-scoped.</summary>
    public Optional<string> ClientType { get; init; }

    public Optional<string> SessionId { get; init; }

    public Optional<string> TerminalId { get; init; }

    /// <summary>The effective client type (<c>user-scoped</c> when empty or missing).</summary>
    [JsonIgnore]
    public string EffectiveClientType => string.IsNullOrEmpty(ClientType.Value) ? ClientTypes.UserScoped : ClientType.Value;

    public static HandshakeAuth UserScoped(string token) => new() { Token = token, ClientType = ClientTypes.UserScoped };

    public static HandshakeAuth SessionScoped(string token, string sessionId) => new() { Token = token, ClientType = ClientTypes.SessionScoped, SessionId = sessionId };

    public static HandshakeAuth TerminalScoped(string token, string terminalId) => new() { Token = token, ClientType = ClientTypes.TerminalScoped, TerminalId = terminalId };
}
