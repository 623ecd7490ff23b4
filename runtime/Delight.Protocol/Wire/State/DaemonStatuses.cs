namespace Delight.Protocol.Wire.State;

/// <summary>Values of <c>daemonState.status</c>.</summary>
public static class DaemonStatuses
{
    public const string Running = "running";
    public const string Offline = "offline";
    public const string ShuttingDown = "shutting-down";
}
