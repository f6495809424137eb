using Akka.Actor;
using Mail.Actors.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mail.Host.Management;

/// <summary>
/// The /queue routes: one contract message each (Postfix's equivalent in brackets).
/// <code>
/// GET    /queue              ListQueue          (mailq)
/// GET    /queue/{id}         ShowQueued         (postcat -q)
/// POST   /queue/flush        FlushQueue         (postqueue -f)
/// POST   /queue/{id}/retry   RetryQueued        (postqueue -i)
/// DELETE /queue/{id}         DeleteQueued(id)   (postsuper -d id)
/// DELETE /queue              DeleteQueued(null) (postsuper -d ALL)
/// POST   /queue/{id}/hold    HoldQueued         (postsuper -h)
/// POST   /queue/{id}/release ReleaseQueued      (postsuper -H)
/// </code>
/// </summary>
internal sealed class QueueRoutes(Task<IActorRef> queueManager, TimeSpan askTimeout)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/queue", () => AskAsync(new ListQueue()));
        app.MapGet("/queue/{id}", (string id) => AskAsync(new ShowQueued(id)));
        app.MapPost("/queue/flush", () => AskAsync(new FlushQueue()));
        app.MapPost("/queue/{id}/retry", (string id) => AskAsync(new RetryQueued(id)));
        app.MapDelete("/queue/{id}", (string id) => AskAsync(new DeleteQueued(id)));
        app.MapDelete("/queue", () => AskAsync(new DeleteQueued(null)));
        app.MapPost("/queue/{id}/hold", (string id) => AskAsync(new HoldQueued(id)));
        app.MapPost("/queue/{id}/release", (string id) => AskAsync(new ReleaseQueued(id)));
    }

    private async Task<IResult> AskAsync(object message)
    {
        if (!queueManager.IsCompletedSuccessfully)
            return ManagementServer.Error(StatusCodes.Status503ServiceUnavailable, "maild is starting; try again in a moment");
        object reply;
        try
        {
            reply = await queueManager.Result.Ask<object>(message, askTimeout);
        }
        catch (AskTimeoutException)
        {
            return ManagementServer.Error(StatusCodes.Status503ServiceUnavailable, $"the queue did not answer within {askTimeout.TotalSeconds:0}s");
        }
        catch (Exception)
        {
            // The queue answered Status.Failure: its own log has the cause; the client gets no internals.
            return ManagementServer.Error(StatusCodes.Status500InternalServerError, "the queue failed to answer; see the server log");
        }
        return reply switch
        {
            QueueListing listing => Results.Json(listing, ManagementJson.Default.QueueListing),
            QueuedMessageDetail detail => Results.Json(detail, ManagementJson.Default.QueuedMessageDetail),
            QueueCommandDone done => Results.Json(done, ManagementJson.Default.QueueCommandDone),
            QueueIdUnknown unknown => ManagementServer.Error(StatusCodes.Status404NotFound, $"queue id {unknown.QueueId} not found"),
            _ => ManagementServer.Error(StatusCodes.Status500InternalServerError, $"unexpected answer from the queue: {reply.GetType().Name}"),
        };
    }
}
