using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>Rows of RUNTIME.md §2.6 TB+/TB-, the PersistLocalSessionInfo rows of §3.6, §2.1's "no session id, no
/// activity/UI/permission effects", and the session metadata kept with its version.</summary>
[TestFixture]
public sealed class TakebackAndLocalInfoReducerTableTests
{
    private static SessionState Watching(SessionState s) => s with { TakebackWatching = true };

    private static SessionState WithoutSessionId(SessionState s) => s with { Settings = s.Settings with { SessionId = "" } };

    [Test]
    public void Remote_ready_starts_the_takeback_watcher_once()
    {
        var ready = Reduce(RemoteStarting(), new RunnerReady(2, AgentMode.Remote, Now));

        Assert.That(All<StartTakebackWatcher>(ready.Commands), Has.Count.EqualTo(1));
        Assert.That(ready.State.TakebackWatching, Is.True);

        var again = Reduce(ready.State, new RunnerReady(2, AgentMode.Remote, Now));
        Assert.That(All<StartTakebackWatcher>(again.Commands), Is.Empty, "a duplicate Ready starts no second watcher");
    }

    [Test]
    public void Local_ready_starts_no_watcher()
    {
        var ready = Reduce(LocalStarting(), new RunnerReady(1, AgentMode.Local, Now));

        Assert.That(All<StartTakebackWatcher>(ready.Commands), Is.Empty);
        Assert.That(ready.State.TakebackWatching, Is.False);
    }

    [Test]
    public void Desktop_takeback_while_remote_stops_the_watcher_and_starts_local_with_no_reply()
    {
        var result = Reduce(Watching(RemoteRunning()), new DesktopTakeback(Now));

        Assert.That(result.State.Fsm, Is.EqualTo(FsmState.LocalStarting));
        Assert.That(result.State.TakebackWatching, Is.False);
        Assert.That(All<StopTakebackWatcher>(result.Commands), Has.Count.EqualTo(1));
        Assert.That(All<StartRunner>(result.Commands).Single().Mode, Is.EqualTo(AgentMode.Local));
        Assert.That(All<CompleteReply>(result.Commands), Is.Empty);
        var kinds = Kinds(result.Commands).ToList();
        Assert.That(kinds.IndexOf(nameof(StopTakebackWatcher)), Is.LessThan(kinds.IndexOf(nameof(StartRunner))),
            "the desktop terminal is released before the local runner takes it");
    }

    [Test]
    public void A_phone_switch_to_local_stops_the_watcher()
    {
        var result = Reduce(Watching(RemoteRunning()), new SwitchModeRequested(AgentMode.Local, 5, Now));

        Assert.That(All<StopTakebackWatcher>(result.Commands), Has.Count.EqualTo(1));
        Assert.That(result.State.TakebackWatching, Is.False);
    }

    [Test]
    public void A_remote_crash_falling_back_to_local_stops_the_watcher()
    {
        var result = Reduce(Watching(RemoteRunning()), new RunnerExited(2, AgentMode.Remote, "boom", Now));

        Assert.That(result.State.Fsm, Is.EqualTo(FsmState.LocalStarting));
        Assert.That(All<StopTakebackWatcher>(result.Commands), Has.Count.EqualTo(1));
    }

    [Test]
    public void Shutdown_stops_the_watcher_and_a_later_takeback_changes_nothing()
    {
        var closing = Reduce(Watching(RemoteRunning()), new Shutdown(9, Now));
        Assert.That(All<StopTakebackWatcher>(closing.Commands), Has.Count.EqualTo(1));
        Assert.That(closing.State.TakebackWatching, Is.False);

        var late = Reduce(closing.State, new DesktopTakeback(Now));
        Assert.That(late.State, Is.EqualTo(closing.State));
        Assert.That(late.Commands, Is.Empty);
    }

    [Test]
    public void A_remote_session_id_writes_the_local_session_info()
    {
        var result = Reduce(RemoteRunning() with { RolloutPath = "/r/1.jsonl" }, new EngineSessionIdentified(2, AgentMode.Remote, "T2", Now));

        Assert.That(All<PersistLocalSessionInfo>(result.Commands), Is.EqualTo(new[] { new PersistLocalSessionInfo(Sid, "claude", "T2", "/r/1.jsonl") }));
    }

    [Test]
    public void A_local_session_id_when_a_token_exists_writes_nothing()
    {
        var result = Reduce(LocalRunning() with { ResumeToken = "T1" }, new EngineSessionIdentified(1, AgentMode.Local, "L9", Now));

        Assert.That(result.State.ResumeToken, Is.EqualTo("T1"));
        Assert.That(All<PersistLocalSessionInfo>(result.Commands), Is.Empty);
    }

    [Test]
    public void A_stale_generation_rollout_path_is_ignored_and_a_current_one_is_written()
    {
        var stale = Reduce(LocalRunning(gen: 3), new EngineRolloutPath(2, "/old.jsonl", Now));
        Assert.That(stale.State.RolloutPath, Is.Null);
        Assert.That(stale.Commands, Is.Empty);

        var current = Reduce(LocalRunning(gen: 3), new EngineRolloutPath(3, "/new.jsonl", Now));
        Assert.That(current.State.RolloutPath, Is.EqualTo("/new.jsonl"));
        Assert.That(All<PersistLocalSessionInfo>(current.Commands).Single().RolloutPath, Is.EqualTo("/new.jsonl"));
    }

    [Test]
    public void Without_a_session_id_ui_events_activity_and_permission_prompts_are_suppressed_but_the_prompt_is_kept()
    {
        var noId = WithoutSessionId(RemoteRunning());

        var ui = Reduce(noId, new EngineUiEvent(2, AgentMode.Remote, "e1", "tool", "end", "ok", "b", "f", Now));
        Assert.That(ui.Commands, Is.Empty);

        var working = Reduce(noId, new EngineWorking(2, AgentMode.Remote, true, Now));
        Assert.That(working.State.Working, Is.True);
        Assert.That(All<EmitSessionAlive>(working.Commands), Is.Empty);

        var asked = Reduce(noId, new PermissionAwaited(2, "r9", "Bash", "{}", 41, Now));
        Assert.That(All<EmitPermissionRequest>(asked.Commands), Is.Empty);
        Assert.That(asked.State.AgentState.Requests.ContainsKey("r9"), Is.True);
        Assert.That(All<ArmTimer>(asked.Commands).Select(t => t.Name), Does.Contain(SessionTimers.PermissionTimeout("r9")));

        var identified = Reduce(noId, new EngineSessionIdentified(2, AgentMode.Remote, "T5", Now));
        Assert.That(All<PersistLocalSessionInfo>(identified.Commands), Is.Empty, "local.json is keyed by the server session id");
    }

    [Test]
    public void With_a_session_id_the_same_events_reach_the_phone()
    {
        Assert.That(All<EmitUiEvent>(Reduce(RemoteRunning(), new EngineUiEvent(2, AgentMode.Remote, "e1", "tool", "end", "ok", "b", "f", Now)).Commands), Has.Count.EqualTo(1));
        Assert.That(All<EmitPermissionRequest>(Reduce(RemoteRunning(), new PermissionAwaited(2, "r9", "Bash", "{}", 41, Now)).Commands), Has.Count.EqualTo(1));
    }

    [Test]
    public void Metadata_keeps_the_newest_version_and_ignores_an_older_broadcast()
    {
        var s = SessionState.Initial(Settings, metadataJson: "{\"v\":1}", metadataVersion: 1);

        var newer = Reduce(s, new SessionMetadataUpdated("{\"v\":3}", 3, Now)).State;
        Assert.That((newer.MetadataJson, newer.MetadataVersion), Is.EqualTo(("{\"v\":3}", 3L)));

        var older = Reduce(newer, new SessionMetadataUpdated("{\"v\":2}", 2, Now));
        Assert.That((older.State.MetadataJson, older.State.MetadataVersion), Is.EqualTo(("{\"v\":3}", 3L)));
        Assert.That(older.Commands, Is.Empty);
    }

    [Test]
    public void Initial_state_takes_the_local_rollout_path_and_the_local_token_only_when_the_server_has_none()
    {
        var local = new LocalSessionInfo(Sid, "codex", "local-token", "/r/x.jsonl");

        var fromLocal = SessionState.Initial(Settings, local: local);
        Assert.That((fromLocal.ResumeToken, fromLocal.AgentState.ResumeToken, fromLocal.RolloutPath), Is.EqualTo(("local-token", "local-token", "/r/x.jsonl")));

        var server = AgentStateDoc.Create("claude") with { ResumeToken = "server-token" };
        var fromServer = SessionState.Initial(Settings, server, local: local);
        Assert.That(fromServer.ResumeToken, Is.EqualTo("server-token"));
        Assert.That(fromServer.RolloutPath, Is.EqualTo("/r/x.jsonl"));
    }
}
