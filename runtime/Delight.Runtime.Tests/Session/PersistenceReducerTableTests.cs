using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>RUNTIME.md §3.6, fixed: one request in flight, stale acks ignored, versions monotonic, no state left
/// unpersisted (S6).</summary>
[TestFixture]
public sealed class PersistenceReducerTableTests
{
    private static SessionState Armed(SessionState s, long token) =>
        s with { Persist = s.Persist with { DebounceArmed = true, DebounceToken = token, Dirty = true } };

    private static SessionState Waiting(SessionState s, bool wantsState = false) =>
        s with { Persist = s.Persist with { Waiters = [new PersistWaiter(9, wantsState, 1)] } };

    private static SessionState Dirty(SessionState s) => s with { Persist = s.Persist with { Dirty = true } };

    private static SessionState Budget(SessionState s, int budget) => s with { Persist = s.Persist with { RetryBudget = budget } };

    private static SessionState WaiterFor(SessionState s, long minSeq) => s with { Persist = s.Persist with { Waiters = [new PersistWaiter(9, false, minSeq)] } };

    private static SessionState PhoneControlled() => RemoteRunning(2);

    public static IEnumerable<TestCaseData> Rows() => new ReducerRow[]
    {
        new("Debounce_fire_persists_the_current_json_at_the_known_version", Armed(LocalRunning(1), 4), new TimerFired(SessionTimers.PersistDebounce, 4, Now), (s, c) =>
        {
            Assert.That((s.Persist.DebounceArmed, s.Persist.InFlightSeq, s.Persist.Dirty), Is.EqualTo((false, (long?)1, false)));
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new PersistAgentState(1, AgentStateJson.Serialize(s.AgentState), 3) }));
        }),
        new("Debounce_stale_fire_is_ignored", Armed(LocalRunning(1), 4), new TimerFired(SessionTimers.PersistDebounce, 3, Now), (s, c) =>
        {
            Assert.That(s.Persist.DebounceArmed, Is.True);
            Assert.That(c, Is.Empty);
        }),
        new("Debounce_fire_while_a_request_is_in_flight_waits_for_it", Armed(LocalRunning(1).InFlight(1), 4), new TimerFired(SessionTimers.PersistDebounce, 4, Now), (s, c) =>
        {
            Assert.That((s.Persist.Dirty, s.Persist.InFlightSeq), Is.EqualTo((true, (long?)1)));
            Assert.That(c, Is.Empty);
        }),
        new("Success_adopts_the_version_and_answers_the_waiters", Waiting(LocalRunning(1).InFlight(1)), new PersistSucceeded(1, 3, 4), (s, c) =>
        {
            Assert.That((s.AgentStateVersion, s.Persist.InFlightSeq), Is.EqualTo((4L, (long?)null)));
            Assert.That(s.Persist.Waiters, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Ok) }));
        }),
        new("Success_for_agent_config_answers_with_the_persisted_state", Waiting(PhoneControlled().InFlight(1), wantsState: true), new PersistSucceeded(1, 3, 4), (s, c) =>
            Assert.That(Single<CompleteReply>(c).Outcome, Is.EqualTo(new ReplyAgentState(AgentStateJson.Serialize(s.AgentState), 4)))),
        new("Success_of_an_older_request_does_not_answer_a_waiter_whose_change_is_not_sent_yet", WaiterFor(Dirty(LocalRunning(1).InFlight(1)), minSeq: 2),
            new PersistSucceeded(1, 3, 4), (s, c) =>
        {
            Assert.That(s.Persist.Waiters, Has.Count.EqualTo(1));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PersistAgentState) }));
            Assert.That(Single<PersistAgentState>(c).Seq, Is.EqualTo(2));
        }),
        new("Stale_success_ack_is_ignored_S6_4", LocalRunning(1).InFlight(2), new PersistSucceeded(1, 3, 4), (s, c) =>
        {
            Assert.That((s.AgentStateVersion, s.Persist.InFlightSeq), Is.EqualTo((3L, (long?)2)));
            Assert.That(c, Is.Empty);
        }),
        new("Success_never_moves_the_version_backwards", LocalRunning(1).InFlight(1) with { AgentStateVersion = 9 }, new PersistSucceeded(1, 3, 4), (s, c) =>
            Assert.That(s.AgentStateVersion, Is.EqualTo(9))),
        new("Success_with_a_change_made_meanwhile_sends_it", Dirty(LocalRunning(1).InFlight(1)), new PersistSucceeded(1, 3, 4), (s, c) =>
        {
            Assert.That(s.Persist.InFlightSeq, Is.EqualTo(2));
            Assert.That(Single<PersistAgentState>(c).ExpectedVersion, Is.EqualTo(4));
        }),
        new("Mismatch_adopts_the_server_version_and_retries_once", Budget(LocalRunning(1).InFlight(1), 1), new PersistVersionMismatch(1, 3, 7), (s, c) =>
        {
            Assert.That((s.AgentStateVersion, s.Persist.RetryBudget, s.Persist.InFlightSeq), Is.EqualTo((7L, 0, (long?)2)));
            Assert.That(Single<PersistAgentState>(c).ExpectedVersion, Is.EqualTo(7));
        }),
        new("Mismatch_with_no_budget_fails_the_waiters_and_retries_on_the_debounce_S6_5", Waiting(LocalRunning(1).InFlight(1)), new PersistVersionMismatch(1, 3, 7), (s, c) =>
        {
            Assert.That((s.AgentStateVersion, s.Persist.DebounceArmed, s.Persist.Dirty), Is.EqualTo((7L, true, true)));
            Assert.That(Single<CompleteReply>(c).Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.PersistFailed));
            Assert.That(Single<ArmTimer>(c).Name, Is.EqualTo(SessionTimers.PersistDebounce));
        }),
        new("Stale_mismatch_is_ignored", LocalRunning(1).InFlight(2), new PersistVersionMismatch(1, 3, 7), (s, c) =>
        {
            Assert.That(s.AgentStateVersion, Is.EqualTo(3));
            Assert.That(c, Is.Empty);
        }),
        new("Failure_online_fails_the_waiters_and_rearms_the_debounce_HIST_35c8e21", Waiting(LocalRunning(1).InFlight(1)), new PersistFailed(1, 3, "ack timeout"), (s, c) =>
        {
            Assert.That((s.Persist.InFlightSeq, s.Persist.Dirty, s.Persist.DebounceArmed), Is.EqualTo(((long?)null, true, true)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(CompleteReply), nameof(ArmTimer) }));
        }),
        new("Failure_offline_waits_for_the_reconnect", LocalRunning(1).InFlight(1) with { Connection = ConnectionState.Initial }, new PersistFailed(1, 3, "disconnected"), (s, c) =>
        {
            Assert.That((s.Persist.Dirty, s.Persist.DebounceArmed), Is.EqualTo((true, false)));
            Assert.That(c, Is.Empty);
        }),
        new("Wait_when_everything_is_persisted_replies_at_once", LocalRunning(1), new PersistWaitRequested(9), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Ok) }))),
        new("Wait_with_a_pending_change_persists_now", Armed(LocalRunning(1), 4), new PersistWaitRequested(9), (s, c) =>
        {
            Assert.That(s.Persist.Waiters, Is.EqualTo(new[] { new PersistWaiter(9, false, 1) }));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(CancelTimer), nameof(PersistAgentState) }));
        }),
        new("Wait_while_in_flight_only_waits", LocalRunning(1).InFlight(1), new PersistWaitRequested(9), (s, c) =>
        {
            Assert.That(s.Persist.Waiters, Has.Count.EqualTo(1));
            Assert.That(c, Is.Empty);
        }),
        new("AgentConfig_while_phone_controlled_applies_persists_and_replies_after_the_persist", PhoneControlled(), new AgentConfigRequested("opus", null, null, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Model, Is.EqualTo("opus"));
            Assert.That(s.Persist.Waiters, Is.EqualTo(new[] { new PersistWaiter(9, true, 1) }));
            Assert.That(c, Is.EqualTo(new SessionCommand[]
            {
                new ApplyAgentConfig(2, new AgentConfig("opus")),
                new PersistAgentState(1, AgentStateJson.Serialize(s.AgentState), 3),
            }));
        }),
        new("AgentConfig_without_a_change_replies_with_the_current_state", PhoneControlled(), new AgentConfigRequested("", null, null, 9, Now), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, new ReplyAgentState(AgentStateJson.Serialize(s.AgentState), 3)) }))),
        new("AgentConfig_while_local_gets_ErrNotRemote", LocalRunning(1), new AgentConfigRequested("opus", null, null, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Model, Is.Null);
            Assert.That(Single<CompleteReply>(c).Outcome, Is.EqualTo(ReplyOutcome.Error(ReplyErrorCode.NotRemote, "cannot update agent config: not in remote mode")));
        }),
        new("AgentConfig_while_RemoteStarting_persists_without_apply", RemoteStarting(2), new AgentConfigRequested("opus", "yolo", "high", 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Config, Is.EqualTo(new AgentConfig("opus", "yolo", "high")));
            Assert.That(All<ApplyAgentConfig>(c), Is.Empty);
        }),
        new("AgentSettings_queries_the_engine", RemoteRunning(2), new AgentSettingsRequested(9), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new QueryAgentSettings(9, 2, "claude", AgentConfig.Empty, true) }))),
    }.Select(r => r.ToCase());

    [TestCaseSource(nameof(Rows))]
    public void Transition(ReducerRow row)
    {
        var before = SessionJson.Canonical(row.Given);
        var t = Reduce(row.Given, row.When);
        row.Then(t.State, t.Commands);
        Assert.That(SessionJson.Canonical(row.Given), Is.EqualTo(before), "the reducer must not mutate its input");
    }
}
