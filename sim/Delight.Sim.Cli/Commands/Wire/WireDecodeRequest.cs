namespace Delight.Sim.Cli.Commands.Wire;

/// <summary>What to decode as: a forced kind (null = detect from the shape), the RPC method, the socket event name.</summary>
internal sealed record WireDecodeRequest(string? Kind = null, string? Method = null, string? EventName = null);
