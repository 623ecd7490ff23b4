namespace Delight.Runtime.Relay;

/// <summary>The <c>rpc-call</c> ack error texts (PROTOCOL.md §5.1).</summary>
public static class RpcErrors
{
    public const string InvalidParameters = "Invalid parameters";
    public const string MethodRequired = "Invalid parameters: method is required";
    public const string NotAvailable = "RPC method not available";
    public const string SameSocket = "Cannot call RPC on the same socket";

    /// <summary>Our text for a forward that got no ack within the timeout (upstream's comes from its library).</summary>
    public const string Timeout = "operation has timed out";

    public const string InvalidMethodName = "Invalid method name";
}
