using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;

namespace Delight.Sim.StandIns.Session;

/// <summary>What the stand-in session offers its engine: events become inbox events; a permission wait registers a
/// request through the reducer and is withdrawn through it when the engine cancels (timeout, abort, stop).</summary>
internal sealed class SessionAgentHost(StandInSession session) : IAgentHost
{
    public async ValueTask ReportAsync(AgentEvent agentEvent, CancellationToken cancellationToken)
    {
        SessionEvent? mapped = agentEvent switch
        {
            AgentReady e => new RunnerReady(e.Generation, e.Mode),
            AgentExited e => new RunnerExited(e.Generation, e.Mode, e.Error),
            AgentOutboundRecord e => new OutboundRecord(e.Generation, e.LocalId, e.RecordJson),
            AgentWorking e => new WorkingChanged(e.Generation, e.Working),
            _ => null,
        };
        if (mapped is not null)
        {
            await session.TryPostAsync(mapped).ConfigureAwait(false);
        }
    }

    public async Task<PermissionDecision> AwaitPermissionAsync(PermissionAsk ask, CancellationToken cancellationToken)
    {
        var promise = new PermissionPromise(ask.RequestId);
        await session.TryPostAsync(new PermissionAwaited(ask.Generation, ask.RequestId, ask.ToolName, promise)).ConfigureAwait(false);
        var registration = cancellationToken.Register(() =>
        {
            try
            {
                session.Inbox.TryPost(new PermissionWithdrawn(ask.RequestId, "cancelled by the engine"));
            }
            catch (MailboxClosedException)
            {
                // stopped
            }
        });
        try
        {
            return await promise.Task.ConfigureAwait(false);
        }
        finally
        {
            // Unregister, not Dispose: Dispose spin-waits (outside Coyote's control) for a callback running on another
            // task, which hangs the scheduler when that callback is paused at a controlled lock.
            registration.Unregister();
        }
    }
}
