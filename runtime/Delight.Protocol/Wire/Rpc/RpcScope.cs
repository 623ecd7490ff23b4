namespace Delight.Protocol.Wire.Rpc;

/// <summary>Which key protects a method's params/result: the session DEK or the master secret (§5.2).</summary>
public enum RpcScope
{
    /// <summary>A name we do not know; the scope cannot be told.</summary>
    Unknown,

    /// <summary><c>&lt;sessionId&gt;:&lt;name&gt;</c>, keyed by the session data key.</summary>
    Session,

    /// <summary><c>&lt;terminalId&gt;:&lt;name&gt;</c>, keyed by the master secret directly.</summary>
    Terminal,
}
