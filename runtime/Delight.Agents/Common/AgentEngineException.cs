namespace Delight.Agents.Common;

/// <summary>A typed engine failure with the message the spec gives (for example
/// <c>claude remote bridge not running</c>). The runtime treats a failed send as a runner crash.</summary>
public class AgentEngineException : Exception
{
    public AgentEngineException()
    {
    }

    public AgentEngineException(string message)
        : base(message)
    {
    }

    public AgentEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Start failed (bridge error, timeout, handshake failure, missing configuration).</summary>
public sealed class AgentStartException : AgentEngineException
{
    public AgentStartException()
    {
    }

    public AgentStartException(string message)
        : base(message)
    {
    }

    public AgentStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The call names a runner that is not running (not started, stopped, or a stale generation).</summary>
public sealed class AgentNotRunningException : AgentEngineException
{
    public AgentNotRunningException()
    {
    }

    public AgentNotRunningException(string message)
        : base(message)
    {
    }

    public AgentNotRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
