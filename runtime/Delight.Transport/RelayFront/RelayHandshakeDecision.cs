namespace Delight.Transport.RelayFront;

/// <summary>The backend's answer to a CONNECT: accept, or reject with the message the client sees in connect_error.</summary>
public sealed record RelayHandshakeDecision(bool Accepted, string? Message)
{
    public static readonly RelayHandshakeDecision Accept = new(true, null);

    public static RelayHandshakeDecision Reject(string message) => new(false, message);
}
