namespace Delight.Transport.SocketIo;

/// <summary>Hands the socket adapter the JWT for each connection attempt. After the relay refuses a handshake the
/// adapter asks again with <c>forceRefresh</c>, so a fresh socket carries a fresh token.</summary>
public interface ISocketTokenSource
{
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}

/// <summary>A token that never changes (tests, or a relay whose token is managed elsewhere).</summary>
public sealed class FixedSocketTokenSource(string token) : ISocketTokenSource
{
    public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult(token);
}
