namespace Delight.Protocol.Wire.Rpc;

/// <summary>The server's <c>error</c> texts in <see cref="RpcCallAck"/> (§5.1) and the CLI's handler errors.</summary>
public static class RpcCallErrors
{
    public const string InvalidParameters = "Invalid parameters";
    public const string MethodRequired = "Invalid parameters: method is required";
    public const string NotAvailable = "RPC method not available";
    public const string SameSocket = "Cannot call RPC on the same socket";
    public const string InvalidMethodName = "Invalid method name";
    public const string DecryptionFailed = "decryption failed";
    public const string EncryptionFailed = "encryption failed";

    public static string UnknownMethod(string method) => "unknown method: " + method;
}
