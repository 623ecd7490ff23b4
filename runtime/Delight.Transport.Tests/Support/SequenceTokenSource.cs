using Delight.Transport.SocketIo;

namespace Delight.Transport.Tests.Support;

/// <summary>Hands out the given tokens in turn: each forced refresh moves to the next one.</summary>
public sealed class SequenceTokenSource(params string[] tokens) : ISocketTokenSource
{
    private int index;

    public int ForcedRefreshes { get; private set; }

    public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (forceRefresh)
        {
            ForcedRefreshes++;
            index = Math.Min(index + 1, tokens.Length - 1);
        }

        return ValueTask.FromResult(tokens[index]);
    }
}
