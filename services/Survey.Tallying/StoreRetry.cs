using MassTransit;
using Survey.Store;

namespace Survey.Tallying;

public static class StoreRetry
{
    // What every tally consumer does when writing fails: a store that is restarting or unreachable is waited out for
    // minutes, the message unacknowledged in the queue meanwhile and counted when the store is back; anything else (a
    // message no store will take) is tried a few times, then goes to the _error queue.
    public static void UseStoreRetry(this IReceiveEndpointConfigurator endpoint)
    {
        endpoint.UseMessageRetry(r =>
        {
            r.Exponential(40, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(500));
            r.Handle<Exception>(StoreErrors.IsTransient);
        });
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(100, 500, 2000);
            r.Ignore<Exception>(StoreErrors.IsTransient);
        });
    }
}
