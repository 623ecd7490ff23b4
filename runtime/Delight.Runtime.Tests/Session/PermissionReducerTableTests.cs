using Delight.Runtime.Agents;
using Delight.Runtime.Session;
using NUnit.Framework;
using static Delight.Runtime.Tests.Session.SessionFixtures;

namespace Delight.Runtime.Tests.Session;

/// <summary>RUNTIME.md §3.5 and the S5 matrix, fixed: every prompt ends resolved or withdrawn on the phone.</summary>
[TestFixture]
public sealed class PermissionReducerTableTests
{
    private static PermissionAwaited Await(long gen = 2, string id = "r1", long decision = 77, string tool = "Bash") => new(gen, id, tool, "{\"cmd\":\"ls\"}", decision, Now);

    private static SessionState TwoWaiters()
    {
        var p = RemoteRunning(2).WithPrompt();
        return p with { PendingPermissions = p.PendingPermissions.SetItem("r1", p.PendingPermissions["r1"] with { DecisionIds = [77, 78] }) };
    }

    public static IEnumerable<TestCaseData> Rows() => new ReducerRow[]
    {
        new("Await_registers_the_prompt_emits_it_arms_its_timeout_and_persists", RemoteRunning(2), Await(), (s, c) =>
        {
            Assert.That(s.AgentState.Requests["r1"], Is.EqualTo(new PermissionRequestRecord("Bash", "{\"cmd\":\"ls\"}", Now)));
            Assert.That(s.PendingPermissions["r1"].DecisionIds, Is.EqualTo(new long[] { 77 }));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(EmitPermissionRequest), nameof(ArmTimer), nameof(ArmTimer) }));
            Assert.That(All<ArmTimer>(c)[0], Is.EqualTo(new ArmTimer(SessionTimers.PermissionTimeout("r1"), s.PendingPermissions["r1"].TimeoutToken, 300_000)));
            Assert.That(All<ArmTimer>(c)[1].Name, Is.EqualTo(SessionTimers.PersistDebounce));
        }),
        new("Await_in_yolo_is_approved_at_once_S5f", RemoteRunning(2).WithPermissionMode("yolo"), Await(), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(s.AgentState.CompletedRequests["r1"].Allow, Is.True);
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(PersistAgentState), nameof(CompletePermissionDecision) }));
            Assert.That(Single<CompletePermissionDecision>(c), Is.EqualTo(new CompletePermissionDecision(77, true, null)));
        }),
        new("Await_in_safe_yolo_is_approved_at_once", RemoteRunning(2).WithPermissionMode("safe-yolo"), Await(), (s, c) =>
            Assert.That(Single<CompletePermissionDecision>(c).Allow, Is.True)),
        new("Await_in_read_only_is_denied_at_once", RemoteRunning(2).WithPermissionMode("read-only"), Await(), (s, c) =>
        {
            Assert.That(Single<CompletePermissionDecision>(c), Is.EqualTo(new CompletePermissionDecision(77, false, "denied (read-only mode)")));
            Assert.That(s.AgentState.CompletedRequests["r1"].Message, Is.EqualTo("denied (read-only mode)"));
        }),
        new("Await_duplicate_keeps_both_waiters_and_reemits_the_prompt", RemoteRunning(2).WithPrompt(), Await(decision: 78), (s, c) =>
        {
            Assert.That(s.PendingPermissions["r1"].DecisionIds, Is.EqualTo(new long[] { 77, 78 }));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(EmitPermissionRequest) }));
        }),
        new("Await_after_its_decision_gets_the_recorded_outcome_and_no_ghost_S5g",
            RemoteRunning(2) with { AgentState = RemoteRunning(2).AgentState with { CompletedRequests = AgentStateDoc.EmptyCompleted.SetItem("r1", new CompletedRequestRecord("Bash", "{}", true, null, Now)) } },
            Await(decision: 80), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompletePermissionDecision(80, true, null) }));
        }),
        new("Await_without_tool_is_denied", RemoteRunning(2), Await(tool: ""), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompletePermissionDecision(77, false, "invalid permission request") }))),
        new("Await_from_a_replaced_runner_is_denied", RemoteRunning(3), Await(gen: 2), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompletePermissionDecision(77, false, "runner replaced") }));
        }),
        new("Await_in_Closing_is_denied", Closing(2), Await(), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompletePermissionDecision(77, false, "session closed") }))),
        new("Await_while_local_is_accepted_S5h", LocalRunning(2), Await(), (s, c) => Assert.That(s.AgentState.Requests.ContainsKey("r1"), Is.True)),

        new("Decision_for_a_known_prompt_resolves_it", RemoteRunning(2).WithPrompt(), new PermissionDecided("r1", true, null, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(s.PendingPermissions, Is.Empty);
            Assert.That(s.AgentState.CompletedRequests["r1"], Is.EqualTo(new CompletedRequestRecord("Bash", "{\"cmd\":\"ls\"}", true, null, Now)));
            Assert.That(Kinds(c), Is.EqualTo(new[] { nameof(CancelTimer), nameof(CompletePermissionDecision), nameof(ArmTimer), nameof(CompleteReply) }));
            Assert.That(Single<CompletePermissionDecision>(c), Is.EqualTo(new CompletePermissionDecision(77, true, null)));
            Assert.That(Single<CompleteReply>(c), Is.EqualTo(new CompleteReply(9, ReplyOutcome.Ok)));
        }),
        new("Decision_deny_carries_the_message", RemoteRunning(2).WithPrompt(), new PermissionDecided("r1", false, "no", 9, Now), (s, c) =>
            Assert.That(Single<CompletePermissionDecision>(c), Is.EqualTo(new CompletePermissionDecision(77, false, "no")))),
        new("Decision_for_an_unknown_id_is_reported_to_the_caller_S5a", RemoteRunning(2), new PermissionDecided("nope", true, null, 9, Now), (s, c) =>
            Assert.That(c, Is.EqualTo(new SessionCommand[] { new CompleteReply(9, ReplyOutcome.Error(ReplyErrorCode.UnknownPermissionRequest, "unknown permission request: nope")) }))),
        new("Second_decision_is_unknown_S5b",
            RemoteRunning(2) with { AgentState = RemoteRunning(2).AgentState with { CompletedRequests = AgentStateDoc.EmptyCompleted.SetItem("r1", new CompletedRequestRecord("Bash", "{}", true, null, Now)) } },
            new PermissionDecided("r1", true, null, 9, Now), (s, c) =>
            Assert.That(Single<CompleteReply>(c).Outcome, Is.InstanceOf<ReplyError>().With.Property("Code").EqualTo(ReplyErrorCode.UnknownPermissionRequest))),

        new("Withdrawn_last_waiter_removes_the_prompt_from_the_phone", RemoteRunning(2).WithPrompt(), new PermissionWithdrawn("r1", 77, "the agent stopped waiting", Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(s.PendingPermissions, Is.Empty);
            Assert.That(s.AgentState.CompletedRequests["r1"], Is.EqualTo(new CompletedRequestRecord("Bash", "{\"cmd\":\"ls\"}", false, "withdrawn: the agent stopped waiting", Now)));
            Assert.That(All<ArmTimer>(c).Single().Name, Is.EqualTo(SessionTimers.PersistDebounce));
        }),
        new("Withdrawn_one_of_two_waiters_keeps_the_prompt", TwoWaiters(), new PermissionWithdrawn("r1", 77, "x", Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests.ContainsKey("r1"), Is.True);
            Assert.That(s.PendingPermissions["r1"].DecisionIds, Is.EqualTo(new long[] { 78 }));
        }),
        new("Withdrawn_for_an_unknown_waiter_is_ignored", RemoteRunning(2).WithPrompt(), new PermissionWithdrawn("r1", 99, "x", Now), (s, c) => Assert.That(c, Is.Empty)),
        new("Timeout_fire_withdraws_the_prompt_S5c", RemoteRunning(2).WithPrompt(token: 50), new TimerFired(SessionTimers.PermissionTimeout("r1"), 50, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(Single<CompletePermissionDecision>(c), Is.EqualTo(new CompletePermissionDecision(77, false, "permission request timed out")));
        }),
        new("Timeout_stale_fire_is_ignored", RemoteRunning(2).WithPrompt(token: 50), new TimerFired(SessionTimers.PermissionTimeout("r1"), 49, Now), (s, c) => Assert.That(c, Is.Empty)),
        new("Switch_withdraws_the_prompts_of_the_old_runner_S5e", RemoteRunning(2).WithPrompt(), new SwitchModeRequested(AgentMode.Local, 9, Now), (s, c) =>
        {
            Assert.That(s.AgentState.Requests, Is.Empty);
            Assert.That(Single<CompletePermissionDecision>(c), Is.EqualTo(new CompletePermissionDecision(77, false, "runner switched")));
        }),
        new("Runner_exit_withdraws_the_prompts", LocalRunning(2).WithPrompt(), new RunnerExited(2, AgentMode.Local, null, Now), (s, c) =>
            Assert.That(s.AgentState.Requests, Is.Empty)),
    }.Select(r => r.ToCase());

    [TestCaseSource(nameof(Rows))]
    public void Transition(ReducerRow row)
    {
        var before = SessionJson.Canonical(row.Given);
        var t = Reduce(row.Given, row.When);
        row.Then(t.State, t.Commands);
        Assert.That(SessionJson.Canonical(row.Given), Is.EqualTo(before), "the reducer must not mutate its input");
    }

    [NUnit.Framework.Test]
    public void Stale_prompts_of_a_previous_run_are_withdrawn_at_startup()
    {
        var seeded = AgentStateDoc.Create("claude") with
        {
            Requests = AgentStateDoc.EmptyRequests.SetItem("old", new PermissionRequestRecord("Bash", "{}", 1)),
        };
        var s = SessionState.Initial(Settings, seeded, 4, Now);
        Assert.That(s.AgentState.Requests, Is.Empty);
        Assert.That(s.AgentState.CompletedRequests["old"].Allow, Is.False);
    }
}
