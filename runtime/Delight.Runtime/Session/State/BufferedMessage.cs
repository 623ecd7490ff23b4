namespace Delight.Runtime.Session;

/// <summary>A phone message waiting for (or redelivered to) a runner. <see cref="Seq"/> keeps the phone's order.</summary>
public sealed record BufferedMessage(long Seq, string Text, string? MetaJson, string LocalId, long AtMs);
