using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Updates;

namespace Delight.Benchmarks.Codec;

/// <summary>
/// Decoding and encoding update envelopes and plaintext records through <see cref="WireCodec"/> (source-generated
/// System.Text.Json). The in-run baseline is a raw <see cref="JsonDocument"/> parse of the same text: the least any
/// decoder must do, used as a ruler so the gate compares ratios, not absolute times.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private string _json = string.Empty;
    private UpdateEnvelope? _update;
    private RawRecord? _record;

    [Params(CodecPayloads.UpdateNewMessage, CodecPayloads.UpdateTerminal, CodecPayloads.UserTextRecord)]
    public string Payload { get; set; } = CodecPayloads.UpdateNewMessage;

    private bool IsUpdate => Payload != CodecPayloads.UserTextRecord;

    [GlobalSetup]
    public void Setup()
    {
        _json = CodecPayloads.Json(Payload);
        if (IsUpdate)
        {
            _update = WireCodec.DecodeUpdate(_json);
        }
        else
        {
            _record = WireCodec.DecodeRecord(_json);
        }
    }

    [Benchmark(Baseline = true)]
    public JsonValueKind RawJsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.ValueKind;
    }

    [Benchmark]
    public object Decode() => IsUpdate ? WireCodec.DecodeUpdate(_json) : WireCodec.DecodeRecord(_json);

    [Benchmark]
    public string Encode() => IsUpdate ? WireCodec.EncodeUpdate(_update!) : WireCodec.EncodeRecord(_record!);
}
