using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Monitoring.Bench.Ingest;

/// <summary>An NDJSON body generated while it is sent: a 100 MB import never exists whole on this side either.</summary>
sealed class NdjsonContent : HttpContent
{
    readonly int lines;
    readonly Func<int, string> line;

    public NdjsonContent(int lines, Func<int, string> line)
    {
        this.lines = lines;
        this.line = line;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    }

    public long BytesWritten { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var i = 0; i < lines; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(line(i) + "\n");
            BytesWritten += bytes.Length;
            await stream.WriteAsync(bytes);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
