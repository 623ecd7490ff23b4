namespace Delight.Sim.Network;

/// <summary>The relay's HTTP API as the simulated network calls it: method, path and query, the Authorization header
/// and the body in; status and body out.</summary>
public interface ISimHttpEndpoint
{
    Task<SimHttpResponse> HandleAsync(string method, string pathAndQuery, string? authorization, string? body);
}

public sealed record SimHttpResponse(int Status, string Body);
