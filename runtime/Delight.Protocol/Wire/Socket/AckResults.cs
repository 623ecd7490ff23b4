namespace Delight.Protocol.Wire.Socket;

/// <summary>Values of <c>result</c> in acks.</summary>
public static class AckResults
{
    public const string Success = "success";
    public const string VersionMismatch = "version-mismatch";
    public const string Error = "error";
}
