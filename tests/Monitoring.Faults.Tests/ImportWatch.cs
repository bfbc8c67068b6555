namespace Monitoring.Faults.Tests;

/// <summary>Counts the imports ingest is answering right now, so a fault can strike in the middle of one.</summary>
public sealed class ImportWatch() : DelegatingHandler(new SocketsHttpHandler())
{
    int inFlight;

    public bool ImportInFlight => Volatile.Read(ref inFlight) > 0;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var import = request.RequestUri?.AbsolutePath.EndsWith("/import", StringComparison.Ordinal) == true;
        if (import)
            Interlocked.Increment(ref inFlight);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            // The answer streams line by line after the headers: the import runs until its body is read.
            return import ? WithDoneWhenRead(response) : response;
        }
        catch
        {
            if (import)
                Interlocked.Decrement(ref inFlight);
            throw;
        }
    }

    HttpResponseMessage WithDoneWhenRead(HttpResponseMessage response)
    {
        response.Content = new DoneWhenDisposed(response.Content, () => Interlocked.Decrement(ref inFlight));
        return response;
    }

    sealed class DoneWhenDisposed : HttpContent
    {
        readonly HttpContent inner;
        readonly Action done;
        int disposed;

        public DoneWhenDisposed(HttpContent inner, Action done)
        {
            this.inner = inner;
            this.done = done;
            foreach (var (name, values) in inner.Headers)
                Headers.TryAddWithoutValidation(name, values);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => inner.CopyToAsync(stream);

        protected override Task<Stream> CreateContentReadStreamAsync() => inner.ReadAsStreamAsync();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
            {
                inner.Dispose();
                done();
            }
            base.Dispose(disposing);
        }
    }
}
