namespace Delight.Sim.Network;

/// <summary>What travels on one direction of a simulated Socket.IO connection.</summary>
internal abstract record SimFrame(long Epoch);

/// <summary>An event; <see cref="AckId"/> is set when the sender waits for an ack.</summary>
internal sealed record EventFrame(long Epoch, string Name, string PayloadJson, long? AckId) : SimFrame(Epoch);

/// <summary>The answer to an <see cref="EventFrame"/> with an ack id.</summary>
internal sealed record AckFrame(long Epoch, long AckId, string PayloadJson) : SimFrame(Epoch);

/// <summary>Lifecycle: the transport came up (client to server) or went down (server to client notification).</summary>
internal sealed record ControlFrame(long Epoch, string What) : SimFrame(Epoch);
