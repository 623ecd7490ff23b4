using Delight.Runtime.Mutants;
using Delight.Runtime.Transport;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Session;

/// <summary>The session socket's callbacks: connection state into the inbox, RPC registration on every connect,
/// phone messages into the inbox, each rpc-request on its own task.</summary>
internal sealed class SessionSocketHandler(StandInSession session) : ISocketHandler
{
    private bool _registeredOnce;

    public async Task OnConnectedAsync()
    {
        // Seeded defect F6/S14: the handlers are registered on the first connect only.
        if (!_registeredOnce || !MutantSwitches.IsArmed(Mutant.RpcHandlersLostAfterReconnect))
        {
            foreach (var method in RpcHandlers.Methods)
            {
                await session.Socket.EmitAsync("rpc-register", StandInWire.Write(new RpcRegisterPayload($"{session.SessionId}:{method}"))).ConfigureAwait(false);
            }
        }

        _registeredOnce = true;
        await session.TryPostAsync(new SocketConnected()).ConfigureAwait(false);
        session.QueueResync();
    }

    public async Task OnDisconnectedAsync(string reason) => await session.TryPostAsync(new SocketDisconnected()).ConfigureAwait(false);

    public async Task OnEventAsync(string eventName, string payloadJson, Func<string, Task>? ack)
    {
        switch (eventName)
        {
            case "update":
                await session.OfferAsync(StandInWire.Read<UpdatePayload>(payloadJson)).ConfigureAwait(false);
                break;
            case "rpc-request":
                var request = StandInWire.Read<RpcRequestPayload>(payloadJson);
                session.StartRpc(request.Method, request.ParamsJson, ack);
                break;
        }
    }

    public Task OnAuthErrorAsync(string message) => Task.CompletedTask;
}
