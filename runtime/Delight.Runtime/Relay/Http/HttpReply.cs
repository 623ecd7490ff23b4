namespace Delight.Runtime.Relay.Http;

/// <summary>Completes one HTTP request from the effects runner (after the state it reports is committed).
/// Compared by reference inside events and commands.</summary>
public sealed class HttpReply
{
    private readonly TaskCompletionSource<RelayHttpResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<RelayHttpResponse> Task => _completion.Task;

    public void Complete(RelayHttpResponse response) => _completion.TrySetResult(response);
}
