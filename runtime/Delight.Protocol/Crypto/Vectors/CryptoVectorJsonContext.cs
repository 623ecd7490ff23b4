using System.Text.Json.Serialization;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>Source-generated JSON for the vector file; nullable annotations and `required` are enforced on input.</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(CryptoVectorFile))]
internal sealed partial class CryptoVectorJsonContext : JsonSerializerContext;
