using Microsoft.AspNetCore.Http;
using Serilog;

namespace Engine.Inspector.Http;

/// <summary>
/// What a request's failure becomes: the engine not updating in time or shut down is a 503 that says so; a client
/// that went away (or was cut for reading too slowly) or an inspector that stops ends quietly; anything else is a bug,
/// answered 500 with one log line naming the request (or the connection cut, when the answer had already begun: a
/// client never takes half an answer for a whole one).
/// </summary>
internal static class AnswerGuard
{
    public static async Task RunAsync(HttpContext context, ILogger log, CancellationToken stopping, CancellationToken cancel, Func<Task> answer)
    {
        HttpResponse response = context.Response;
        try
        {
            await answer().ConfigureAwait(false);
        }
        catch (TimeoutException) when (!response.HasStarted)
        {
            await Responses.Text(response, 503, "503 the engine did not run an update in time to take the capture", cancel).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (!response.HasStarted && !stopping.IsCancellationRequested)
        {
            await Responses.Text(response, 503, "503 the engine's registry was shut down", cancel).ConfigureAwait(false);
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            // The client went away (or was cut for reading too slowly), or the inspector stops.
        }
        catch (Exception error)
        {
            log.Error(error, "inspector: {Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            if (response.HasStarted)
            {
                context.Abort();
            }
            else
            {
                response.Clear();
                await Responses.Text(response, 500, "500 internal error: the inspector's log has the details", cancel).ConfigureAwait(false);
            }
        }
    }
}
