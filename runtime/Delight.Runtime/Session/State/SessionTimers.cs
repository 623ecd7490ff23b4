namespace Delight.Runtime.Session;

/// <summary>Names of the timers the reducer arms.</summary>
public static class SessionTimers
{
    public const string PersistDebounce = "persist-agent-state";
    public const string KeepAlive = "keep-alive";
    public const string CatchUpRetry = "catch-up-retry";
    private const string PermissionPrefix = "permission-timeout:";

    public static string PermissionTimeout(string requestId) => PermissionPrefix + requestId;

    public static bool TryParsePermissionTimeout(string name, out string requestId)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith(PermissionPrefix, StringComparison.Ordinal))
        {
            requestId = name[PermissionPrefix.Length..];
            return true;
        }

        requestId = "";
        return false;
    }
}
