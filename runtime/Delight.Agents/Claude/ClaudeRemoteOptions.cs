using Delight.Agents.Process;

namespace Delight.Agents.Claude;

/// <summary>How to run the remote bridge. Production: <c>node &lt;dir&gt;/scripts/claude_remote_bridge.cjs</c>; tests:
/// <c>dotnet Delight.Agents.Stubs.dll claude-bridge</c>. The adapter appends <c>--cwd &lt;workDir&gt; [--resume &lt;id&gt;]</c>.</summary>
public sealed record ClaudeRemoteOptions(string Command, IReadOnlyList<string> PrefixArguments)
{
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>How long <c>Start</c> waits for the bridge's <c>ready</c> line (ENGINES.md §2.8: 15 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one permission prompt may wait for the phone (5 min).</summary>
    public TimeSpan PermissionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public KillSequence KillSequence { get; init; } = KillSequence.ClaudeBridge;

    /// <summary>Passes <c>--debug</c> to the bridge.</summary>
    public bool Debug { get; init; }

    /// <summary>The bridge script next to a CLI installation (§2.1: exe dir, then exe dir/.., then the cwd).</summary>
    public static ClaudeRemoteOptions ForNodeBridge(string bridgeScriptPath, string node = "node") => new(node, [bridgeScriptPath]);
}
