using Delight.Agents.Process;

namespace Delight.Agents.Codex;

/// <summary>How to run the app-server. Production: <c>codex app-server</c> from PATH; tests:
/// <c>dotnet Delight.Agents.Stubs.dll codex-app-server</c>.</summary>
public sealed record CodexAppServerOptions(string Command, IReadOnlyList<string> Arguments)
{
    public static CodexAppServerOptions Default { get; } = new("codex", ["app-server"]);

    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Sent as <c>clientInfo.version</c> in <c>initialize</c>.</summary>
    public string ClientVersion { get; init; } = "0.4.2";

    /// <summary>Every JSON-RPC call's limit (ENGINES.md §4.1: 30 s).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a send waits for <c>turn/started</c> after <c>turn/start</c> answered (10 s).</summary>
    public TimeSpan TurnStartedTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After an interrupt, how long to wait for <c>turn/completed</c> before clearing the turn locally, so a
    /// server that never completes cannot wedge the session.</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    public KillSequence KillSequence { get; init; } = KillSequence.CodexAppServer;
}
