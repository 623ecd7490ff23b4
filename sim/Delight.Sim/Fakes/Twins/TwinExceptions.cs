namespace Delight.Sim.Fakes.Twins;

/// <summary>A twin's engine failure, with the real engine's message. Derives from InvalidOperationException because the
/// stand-in session catches that for failed starts; the real runtime catches any exception.</summary>
public class TwinEngineException : InvalidOperationException
{
    public TwinEngineException()
    {
    }

    public TwinEngineException(string message)
        : base(message)
    {
    }

    public TwinEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The start failed (the real engines' <c>AgentStartException</c>).</summary>
public sealed class TwinStartException : TwinEngineException
{
    public TwinStartException()
    {
    }

    public TwinStartException(string message)
        : base(message)
    {
    }

    public TwinStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The call names a runner that is not running (the real engines' <c>AgentNotRunningException</c>).</summary>
public sealed class TwinNotRunningException : TwinEngineException
{
    public TwinNotRunningException()
    {
    }

    public TwinNotRunningException(string message)
        : base(message)
    {
    }

    public TwinNotRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
