namespace Delight.Sim.Network;

/// <summary>The relay's HTTP API as the simulated network calls it (method, path and query, body) → (status, body).</summary>
public interface ISimHttpEndpoint
{
    Task<SimHttpResponse> HandleAsync(string method, string pathAndQuery, string? body);
}

public sealed record SimHttpResponse(int Status, string Body);
