namespace Delight.Protocol.Crypto;

/// <summary>
/// Hands out fixed bytes in order (for test vectors: "the ephemeral key is bytes 200..231, the nonce 16..39").
/// Running out is a programming error in the caller's script, so it throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class ScriptedRandomSource : IRandomSource
{
    private readonly object gate = new();
    private readonly byte[] script;
    private int position;

    public ScriptedRandomSource(params byte[][] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        script = chunks.SelectMany(chunk => chunk).ToArray();
    }

    public int Remaining
    {
        get
        {
            lock (gate)
            {
                return script.Length - position;
            }
        }
    }

    public void Fill(Span<byte> destination)
    {
        lock (gate)
        {
            if (script.Length - position < destination.Length)
            {
                throw new InvalidOperationException(
                    $"Scripted random source exhausted: {destination.Length} bytes asked, {script.Length - position} left.");
            }

            script.AsSpan(position, destination.Length).CopyTo(destination);
            position += destination.Length;
        }
    }
}
