using Delight.Agents.Acp;
using Delight.Agents.Claude;
using Delight.Agents.Codex;
using Delight.Agents.Common;
using Delight.Agents.Fake;
using Delight.Runtime.Agents;

namespace Delight.Agents;

/// <summary>How to reach each real agent. An engine whose options are missing cannot be created.</summary>
public sealed record AgentEngineFactoryOptions
{
    public ClaudeRemoteOptions? Claude { get; init; }

    public CodexAppServerOptions Codex { get; init; } = CodexAppServerOptions.Default;

    public AcpEngineOptions? Acp { get; init; }

    /// <summary>Shared by ACP engines (one handler pool per process).</summary>
    public HttpClient? Http { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IAgentIdSource? Ids { get; init; }
}

/// <summary>Creates the engine for an agent type: <c>claude</c>, <c>codex</c>, <c>acp</c> or <c>fake</c>.</summary>
public sealed class AgentEngineFactory : IAgentEngineFactory
{
    private readonly AgentEngineFactoryOptions _options;

    public AgentEngineFactory(AgentEngineFactoryOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public IAgentEngine Create(string agentType, IAgentHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var ids = _options.Ids ?? new CuidSource(_options.Time);
        return agentType switch
        {
            "claude" => new ClaudeRemoteEngine(host, _options.Claude ?? throw new AgentEngineException("claude agent selected but the remote bridge script was not found"), _options.Time, ids),
            "codex" => new CodexAppServerEngine(host, _options.Codex, _options.Time, ids),
            "acp" => new AcpEngine(
                host,
                _options.Acp ?? throw new AgentEngineException("acp agent selected but ACP is not configured"),
                _options.Http ?? throw new AgentEngineException("acp agent selected but no HTTP client was given"),
                _options.Time,
                ids),
            "fake" => new FakeEngine(host, _options.Time, ids),
            _ => throw new AgentEngineException("unknown agent type: " + agentType),
        };
    }
}
