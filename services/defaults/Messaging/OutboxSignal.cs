namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>Wakes the relay as soon as a transaction with outbox rows commits, instead of waiting for its poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try { signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled: one wake-up covers every commit before it */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
