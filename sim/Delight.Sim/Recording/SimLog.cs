using System.Security.Cryptography;
using System.Text;

namespace Delight.Sim.Recording;

/// <summary>The ordered record of one iteration (the interleaving as it happened), printed in reports and hashed by
/// the determinism check. Bounded so a runaway iteration cannot exhaust memory.</summary>
public sealed class SimLog
{
    public const int MaxEntries = 20_000;

    private readonly object _gate = new();
    private readonly List<SimLogEntry> _entries = [];
    private readonly Func<TimeSpan> _now;
    private int _dropped;

    private readonly Runtime.Mailbox.MailboxActivity? _activity;

    /// <param name="activity">Every entry also counts as world activity (the clock driver's measure of a busy world):
    /// a task that only logs and awaits replies is still doing something.</param>
    public SimLog(Func<TimeSpan> now, Runtime.Mailbox.MailboxActivity? activity = null)
    {
        _now = now;
        _activity = activity;
    }

    public void Add(string actor, string kind, string detail = "")
    {
        _activity?.Tick();
        lock (_gate)
        {
            // Read the clock under the log's lock so entries are in time order.
            var at = _now();
            if (_entries.Count >= MaxEntries)
            {
                _dropped++;
                return;
            }

            _entries.Add(new SimLogEntry(_entries.Count + 1, at, actor, kind, detail));
        }
    }

    public IReadOnlyList<SimLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public int Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>SHA-256 over every line, hex.</summary>
    public string ComputeHash() => HashOf(Snapshot());

    public static string HashOf(IEnumerable<SimLogEntry> entries)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(entry.ToString()));
            sha.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
