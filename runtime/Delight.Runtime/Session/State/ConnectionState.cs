namespace Delight.Runtime.Session;

/// <summary>Socket flags (RUNTIME.md §2.1) and how many times the session socket connected.</summary>
public sealed record ConnectionState(bool SessionSocket, bool TerminalSocket, long SessionConnects)
{
    public static ConnectionState Initial { get; } = new(false, false, 0);
}
