using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary>The body of an update, discriminated by <c>t</c> (§3); legacy <c>new-machine</c>/<c>update-machine</c> map to the terminal variants.</summary>
[JsonConverter(typeof(UpdateBodyConverter))]
public abstract record UpdateBody
{
    /// <summary>The <c>t</c> discriminator (current name).</summary>
    [JsonIgnore]
    public abstract string T { get; }
}

internal sealed class UpdateBodyConverter : WireUnionConverter<UpdateBody>
{
    public UpdateBodyConverter()
        : base(
            "t",
            new UnionVariant(NewMessageBody.WireName, typeof(NewMessageBody)),
            new UnionVariant(UpdateSessionBody.WireName, typeof(UpdateSessionBody)),
            new UnionVariant(NewSessionBody.WireName, typeof(NewSessionBody)),
            new UnionVariant(DeleteSessionBody.WireName, typeof(DeleteSessionBody)),
            new UnionVariant(NewTerminalBody.WireName, typeof(NewTerminalBody), LegacyNames.NewMachine),
            new UnionVariant(UpdateTerminalBody.WireName, typeof(UpdateTerminalBody), LegacyNames.UpdateMachine),
            new UnionVariant(UpdateAccountBody.WireName, typeof(UpdateAccountBody)),
            new UnionVariant(KvBatchUpdateBody.WireName, typeof(KvBatchUpdateBody)),
            new UnionVariant(NewArtifactBody.WireName, typeof(NewArtifactBody)),
            new UnionVariant(UpdateArtifactBody.WireName, typeof(UpdateArtifactBody)),
            new UnionVariant(DeleteArtifactBody.WireName, typeof(DeleteArtifactBody)),
            new UnionVariant(NewFeedPostBody.WireName, typeof(NewFeedPostBody)),
            new UnionVariant(SessionUiBody.WireName, typeof(SessionUiBody)))
    {
    }

    protected override UpdateBody CreateUnknown(string wireName, RawJson raw) => new UnknownUpdateBody(wireName, raw);
}
