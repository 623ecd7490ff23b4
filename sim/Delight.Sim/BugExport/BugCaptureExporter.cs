using System.Text.Json.Nodes;
using Delight.Runtime.Capture;
using Delight.Sim.Exploration;

namespace Delight.Sim.BugExport;

/// <summary>
/// Records the world's CLI session while a bug file is replayed (<c>delight-sim replay-bug FILE --export-capture
/// OUT</c>) and writes that run as a sanitized capture, so a failing interleaving becomes a capture under captures/.
/// <see cref="Attach"/> plugs a <see cref="CaptureRecorder"/> into each iteration's session through
/// <see cref="SimContext.SessionObserverFactory"/>; the last iteration's recorder is the one written.
/// </summary>
public sealed class BugCaptureExporter
{
    private readonly object _gate = new();
    private CaptureRecorder? _recorder;

    /// <param name="bug">The bug file being replayed (its scenario, seed, iteration and mutant go into the header).</param>
    /// <param name="bugFileName">The bug file's name as shown in the header (a file name, not a path: the producer
    /// field is kept verbatim by the sanitizer).</param>
    public BugCaptureExporter(BugFile bug, string bugFileName)
        : this(ProducerOf(bug, Path.GetFileName(bugFileName ?? throw new ArgumentNullException(nameof(bugFileName)))))
    {
    }

    /// <param name="producer">The header's producer (kept verbatim by the sanitizer: nothing secret, no local path).
    /// For recording an exploration directly: pass <see cref="Attach"/> as <see cref="ExploreOptions.OnContext"/>.</param>
    public BugCaptureExporter(string producer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(producer);
        Producer = Plain(producer, MaxProducerLength);
    }

    /// <summary>The producer is written after sanitizing (it is ours, and longer than the sanitizer keeps a
    /// vocabulary value), so it is held to plain characters and a bounded length.</summary>
    public const int MaxProducerLength = 200;

    /// <summary>The header's producer: where the capture came from.</summary>
    public string Producer { get; }

    /// <summary>Whether the replayed scenario ran the world's CLI session (a capture-exploration scenario does not).</summary>
    public bool Recorded
    {
        get
        {
            lock (_gate)
            {
                return _recorder is not null;
            }
        }
    }

    /// <summary>"bug-export from FILE: scenario S, seed N, iteration I, mutant M", built only from the bug file's name
    /// and header (names reduced to plain characters, the mutant to a known name).</summary>
    public static string ProducerOf(BugFile bug, string bugFileName)
    {
        ArgumentNullException.ThrowIfNull(bug);
        ArgumentNullException.ThrowIfNull(bugFileName);
        var mutant = bug.Mutant is null ? "none"
            : Enum.TryParse<Runtime.Mutants.Mutant>(bug.Mutant, ignoreCase: true, out var m) ? m.ToString() : "unknown";
        return $"bug-export from {Plain(Path.GetFileName(bugFileName), 80)}: scenario {Plain(bug.Scenario, 60)}, " +
            $"seed {bug.Seed}, iteration {bug.Iteration}, mutant {mutant}";
    }

    private static string Plain(string text, int max)
    {
        var plain = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ' ' or ',' or ':' ? c : '-')]);
        return plain.Length <= max ? plain : plain[..max];
    }

    /// <summary>Plugs a fresh recorder into the session of <paramref name="context"/>'s world (pass as the
    /// <c>onContext</c> of <see cref="Explorer.Replay"/> or as <see cref="ExploreOptions.OnContext"/>).</summary>
    public void Attach(SimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SessionObserverFactory = initial =>
        {
            var recorder = new CaptureRecorder(new CaptureInitialState(initial.Settings, initial.AgentState, initial.AgentStateVersion), context.Clock, Producer);
            lock (_gate)
            {
                _recorder = recorder;
            }

            return recorder;
        };
    }

    /// <summary>The recorded run, unsanitized (for in-process checks); null when nothing was recorded.</summary>
    public CaptureFile? Snapshot()
    {
        lock (_gate)
        {
            return _recorder?.Snapshot();
        }
    }

    /// <summary>Writes the recorded run, sanitized, to <paramref name="path"/>: all or nothing (a temporary file
    /// beside it, moved into place once complete). Returns the number of records written.</summary>
    /// <exception cref="InvalidOperationException">Nothing was recorded.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public int Write(string path)
    {
        CaptureRecorder recorder;
        lock (_gate)
        {
            recorder = _recorder ?? throw new InvalidOperationException("nothing was recorded: the replayed scenario does not run the world's CLI session");
        }

        var full = Path.GetFullPath(path);
        var partial = PartialPathOf(full);
        try
        {
            File.WriteAllText(partial, WithProducer(recorder), new System.Text.UTF8Encoding(false));

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        return recorder.Count;
    }

    /// <summary>Checks before the (slow) replay that <paramref name="path"/> can be written; returns why not, or null.
    /// Leaves nothing behind.</summary>
    public static string? CheckWritable(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "no output path given";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}' is not a valid path: {e.Message}";
        }

        if (Directory.Exists(full))
        {
            return $"'{path}' is a folder; give a file name such as {Path.Combine(path, "regression" + CaptureFormat.FileExtension)}";
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            return $"the folder of '{path}' does not exist";
        }

        var probe = PartialPathOf(full);
        try
        {
            using (File.Create(probe))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"'{path}' cannot be written: {e.Message}";
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <summary>The sanitized capture with the header's producer restored: the sanitizer redacts a producer longer
    /// than its vocabulary limit, and this one is built from plain, non-secret parts (<see cref="ProducerOf"/>).</summary>
    private string WithProducer(CaptureRecorder recorder)
    {
        var text = new StringWriter { NewLine = "\n" };
        recorder.WriteTo(text);
        var all = text.ToString();
        var end = all.IndexOf('\n', StringComparison.Ordinal);
        var header = JsonNode.Parse(end < 0 ? all : all[..end])!.AsObject();
        header["producer"] = Producer;
        return header.ToJsonString(CaptureFormat.Json) + (end < 0 ? "\n" : all[end..]);
    }

    private static string PartialPathOf(string full) => $"{full}.{Environment.ProcessId}.partial";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the partial file was never moved into place, so OUT itself is untouched.
        }
    }
}
