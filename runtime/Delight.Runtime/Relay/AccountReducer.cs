using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Relay.Commands;
using Delight.Runtime.Relay.Events;
using Delight.Runtime.Relay.State;
using Delight.Runtime.Relay.Storage;
using Delight.Runtime.Relay.Wire;

namespace Delight.Runtime.Relay;

/// <summary>
/// The relay's pure reducer for one account: (state, event) -> (state, commands). No clock, no ids, no I/O; the
/// event carries the time and new ids. One account runtime serializes everything an event can touch (session rows,
/// message seqs, the update seq, fan-out targets, RPC routes), so per-session ingest order is storage order is
/// broadcast order (HIST #6), and CAS needs no locks.
/// </summary>
public sealed partial class AccountReducer : IReducer<AccountState, RelayEvent, RelayCommand>
{
    /// <summary><c>session-alive</c>/<c>terminal-alive</c> older than this are ignored (PROTOCOL.md §2.1).</summary>
    public const long AliveWindowMs = 10 * 60 * 1000;

    public Transition<AccountState, RelayCommand> Reduce(AccountState state, RelayEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tx = new Tx(state);
        switch (@event)
        {
            case ClientConnected e: OnConnected(tx, e); break;
            case ClientDisconnected e: OnDisconnected(tx, e); break;
            case MessageReceived e: OnMessage(tx, e); break;
            case SessionAliveReceived e: OnSessionAlive(tx, e); break;
            case TerminalAliveReceived e: OnTerminalAlive(tx, e); break;
            case UpdateMetadataReceived e: OnUpdateMetadata(tx, e); break;
            case UpdateStateReceived e: OnUpdateState(tx, e); break;
            case TerminalUpdateMetadataReceived e: OnTerminalUpdateMetadata(tx, e); break;
            case TerminalUpdateStateReceived e: OnTerminalUpdateState(tx, e); break;
            case EphemeralReceived e: OnEphemeral(tx, e); break;
            case RpcRegisterReceived e: OnRpcRegister(tx, e); break;
            case RpcUnregisterReceived e: OnRpcUnregister(tx, e); break;
            case RpcCallReceived e: OnRpcCall(tx, e); break;
            case RpcForwardAcked e: OnRpcAcked(tx, e); break;
            case RpcForwardFailed e: OnRpcFailed(tx, e); break;
            case HttpRequested e: OnHttp(tx, e); break;
            default: throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown relay event");
        }

        return tx.Finish();
    }

    /// <summary>The working state of one reduction: a fresh builder, so the reducer stays pure.</summary>
    private sealed class Tx(AccountState state)
    {
        private readonly ImmutableArray<RelayCommand>.Builder _commands = ImmutableArray.CreateBuilder<RelayCommand>();
        private bool _durable;

        public AccountState State { get; set; } = state;

        public void Add(RelayCommand command) => _commands.Add(command);

        /// <summary>Marks the reduction as having changed durable state (one persist at the end).</summary>
        public void Durable() => _durable = true;

        /// <summary>Allocates the next per-account update seq and builds the envelope. The id is derived from the
        /// time and seq ("c" + nanoseconds-like decimal, unique per account) so no id source is needed.</summary>
        public UpdateEnvelope NextUpdate(UpdateBody body, long nowMs)
        {
            var seq = State.UserSeq + 1;
            State = State with { UserSeq = seq };
            _durable = true;
            return new UpdateEnvelope("c" + ((nowMs * 1_000_000) + (seq % 1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture), seq, body, nowMs);
        }

        public Transition<AccountState, RelayCommand> Finish()
        {
            if (_durable)
            {
                _commands.Add(new PersistAccount(AccountSnapshot.Of(State)));
            }

            return new Transition<AccountState, RelayCommand>(State, _commands.ToImmutable());
        }
    }
}
