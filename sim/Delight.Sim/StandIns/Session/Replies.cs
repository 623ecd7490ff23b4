using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Session;

/// <summary>A switch caller's reply slot (compared by reference). Completed by an effect, after the commit.</summary>
public sealed class SwitchReply(long id)
{
    private readonly TaskCompletionSource<SwitchResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Id { get; } = id;

    public Task<SwitchResult> Task => _done.Task;

    public bool Complete(SwitchResult result) => _done.TrySetResult(result);

    public override string ToString() => $"switch#{Id}";
}

/// <summary>The shutdown caller's reply slot.</summary>
public sealed class ShutdownReply
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _done.Task;

    public bool Complete() => _done.TrySetResult(true);
}

/// <summary>The engine's wait inside AwaitPermission; resolved exactly once, by the reducer's Decide effect.</summary>
public sealed class PermissionPromise(string requestId)
{
    private readonly TaskCompletionSource<Runtime.Agents.PermissionDecision> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;

    public Task<Runtime.Agents.PermissionDecision> Task => _done.Task;

    public bool Resolve(Runtime.Agents.PermissionDecision decision) => _done.TrySetResult(decision);

    public override string ToString() => $"promise:{RequestId}";
}
