using System.Text.Json;
using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using Delight.Runtime.Tests.Session.Fakes;
using NUnit.Framework;

namespace Delight.Runtime.Tests.Session.Desktop;

/// <summary><c>sessions/&lt;id&gt;/local.json</c> (ENGINES.md §8.2): read-merge-write, only non-empty fields overwrite,
/// omitted-when-empty fields, tmp-then-rename, modes, unreadable files ignored; and the runtime writes it when the
/// engine names its session.</summary>
[TestFixture]
public sealed class LocalSessionInfoFileTests
{
    private string _home = "";

    [SetUp]
    public void SetUp() => _home = Directory.CreateTempSubdirectory("delight-home-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_home, recursive: true);

    [Test]
    public void A_write_merges_only_non_empty_fields_and_forces_the_session_id()
    {
        var time = new ManualTimeProvider();
        var store = new LocalSessionInfoFile(_home, time);
        store.Save(new LocalSessionInfo("s1", "codex", "thr_1", "/r/a.jsonl"));
        time.Advance(TimeSpan.FromSeconds(5));
        store.Save(new LocalSessionInfo("s1", "", "thr_2", null));

        var json = File.ReadAllText(Path.Combine(_home, "sessions", "s1", "local.json"));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("sessionId").GetString(), Is.EqualTo("s1"));
        Assert.That(root.GetProperty("agentType").GetString(), Is.EqualTo("codex"));
        Assert.That(root.GetProperty("resumeToken").GetString(), Is.EqualTo("thr_2"));
        Assert.That(root.GetProperty("rolloutPath").GetString(), Is.EqualTo("/r/a.jsonl"));
        Assert.That(root.GetProperty("updatedAtMs").GetInt64(), Is.EqualTo(time.GetUtcNow().ToUnixTimeMilliseconds()));
        Assert.That(File.Exists(Path.Combine(_home, "sessions", "s1", "local.json.tmp")), Is.False);
        Assert.That(store.Load("s1"), Is.EqualTo(new LocalSessionInfo("s1", "codex", "thr_2", "/r/a.jsonl", time.GetUtcNow().ToUnixTimeMilliseconds())));
    }

    [Test]
    public void Empty_fields_are_omitted_and_a_path_separator_in_the_id_becomes_an_underscore()
    {
        var store = new LocalSessionInfoFile(_home, new ManualTimeProvider());
        store.Save(new LocalSessionInfo($"a{Path.DirectorySeparatorChar}b", "claude"));

        var path = Path.Combine(_home, "sessions", "a_b", "local.json");
        var json = File.ReadAllText(path);
        Assert.That(json, Does.Not.Contain("resumeToken").And.Not.Contain("rolloutPath"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
    }

    [Test]
    public void A_missing_or_torn_file_reads_as_nothing_and_the_next_write_replaces_it()
    {
        var store = new LocalSessionInfoFile(_home, new ManualTimeProvider());
        Assert.That(store.Load("s2"), Is.Null);

        var path = store.PathOf("s2");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"sessionId\":\"s2\",\"resumeTo");
        Assert.That(store.Load("s2"), Is.Null);

        store.Save(new LocalSessionInfo("s2", "codex", "t"));
        Assert.That(store.Load("s2")!.ResumeToken, Is.EqualTo("t"));
    }

    [Test]
    public async Task The_runtime_writes_the_token_the_remote_engine_reports()
    {
        var store = new LocalSessionInfoFile(_home, new ManualTimeProvider());
        await using var h = new SessionHarness(localSessions: store);
        await h.StartLocalAsync();
        await h.Runtime.SwitchModeAsync(AgentMode.Remote).WaitAsync(TimeSpan.FromSeconds(10));

        await h.Runtime.AgentHost.ReportAsync(new AgentSessionIdentified(h.State.RunnerGen, AgentMode.Remote, "remote-token-1"), CancellationToken.None);
        await h.Runtime.AgentHost.ReportAsync(new AgentRolloutPath(h.State.RunnerGen, AgentMode.Remote, "/rollouts/r1.jsonl"), CancellationToken.None);

        await h.WaitUntilAsync(() => store.Load(SessionHarness.Sid) is { RolloutPath: not null }, "local.json has both facts", advanceClock: false);
        var info = store.Load(SessionHarness.Sid)!;
        Assert.That((info.AgentType, info.ResumeToken, info.RolloutPath), Is.EqualTo(("fake", "remote-token-1", "/rollouts/r1.jsonl")));
    }

    [Test]
    public async Task The_relay_s_metadata_broadcast_reaches_the_state_and_an_older_one_does_not()
    {
        await using var h = new SessionHarness();
        await h.StartLocalAsync();

        await h.RelaySendsMetadataAsync("{\"path\":\"/w\",\"host\":\"h2\"}", 4);
        await h.WaitUntilAsync(() => h.State.MetadataVersion == 4, "metadata v4 taken in", advanceClock: false);
        await h.RelaySendsMetadataAsync("{\"path\":\"/w\",\"host\":\"h1\"}", 3);
        await h.Runtime.WaitForPersistAsync().WaitAsync(TimeSpan.FromSeconds(10)); // a round trip through the loop

        Assert.That((h.State.MetadataJson, h.State.MetadataVersion), Is.EqualTo(("{\"path\":\"/w\",\"host\":\"h2\"}", 4L)));
    }
}
