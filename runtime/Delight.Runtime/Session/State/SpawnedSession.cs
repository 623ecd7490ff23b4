namespace Delight.Runtime.Session;

/// <summary>A child session started by this one (RUNTIME.md §1.9). Bookkeeping only for now.</summary>
public sealed record SpawnedSession(string SessionId, string Directory, string AgentType);
