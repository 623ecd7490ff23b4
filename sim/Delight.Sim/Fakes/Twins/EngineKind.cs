namespace Delight.Sim.Fakes.Twins;

/// <summary>Which real engine a simulated twin stands in for (ENGINES.md §1).</summary>
public enum EngineKind
{
    /// <summary>Claude Code remote mode through the bridge (<c>ClaudeRemoteEngine</c>), plus the spec's local mode.</summary>
    Claude,

    /// <summary><c>codex app-server</c> (<c>CodexAppServerEngine</c>), plus the spec's local mode.</summary>
    Codex,

    /// <summary>An ACP server over HTTP (<c>AcpEngine</c>).</summary>
    Acp,

    /// <summary>The in-process echo engine (<c>FakeEngine</c>).</summary>
    Fake,
}
