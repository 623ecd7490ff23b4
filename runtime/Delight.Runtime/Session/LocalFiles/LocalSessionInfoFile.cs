using System.Text.Json;

namespace Delight.Runtime.Session;

/// <summary>
/// The file store of ENGINES.md §8.2 under a Delight home: <c>sessions/&lt;id&gt;/local.json</c>, written as
/// <c>local.json.tmp</c> renamed over the old file (directory 0700, file 0600 where the platform has modes). The main
/// path separator in a session id becomes <c>_</c>.
/// </summary>
public sealed class LocalSessionInfoFile(string delightHome, TimeProvider time) : ILocalSessionInfoStore
{
    private readonly object _gate = new();

    public string PathOf(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return Path.Combine(delightHome, "sessions", sessionId.Replace(Path.DirectorySeparatorChar, '_'), "local.json");
    }

    public LocalSessionInfo? Load(string sessionId)
    {
        try
        {
            var path = PathOf(sessionId);
            if (!File.Exists(path))
            {
                return null;
            }

            var info = JsonSerializer.Deserialize<LocalSessionInfo>(File.ReadAllText(path));
            return info is null ? null : info with { SessionId = sessionId };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // unreadable: ignored (§8.2)
        }
    }

    public void Save(LocalSessionInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_gate)
        {
            var path = PathOf(info.SessionId);
            var directory = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var merged = (Load(info.SessionId) ?? new LocalSessionInfo(info.SessionId)).MergedWith(info, time.GetUtcNow().ToUnixTimeMilliseconds());
            var temp = path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(merged));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, path, overwrite: true);
        }
    }
}
