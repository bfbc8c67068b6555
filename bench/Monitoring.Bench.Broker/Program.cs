using System.Diagnostics;
using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

// The raw broker's pace for bench/peak.sh: how long RabbitMQ takes to move MESSAGES persistent messages of SIZE bytes
// from one publisher with publisher confirms (at most 500 unconfirmed, as ingest publishes) to one consumer that
// acknowledges each, through a durable queue, the consumer running beside the publisher. Prints the seconds.
//   RABBIT_URI=amqp://guest:guest@127.0.0.1:5672/vhost MESSAGES=209390 SIZE=900 dotnet run --project bench/Monitoring.Bench.Broker
var uri = new Uri(Environment.GetEnvironmentVariable("RABBIT_URI") ?? throw new InvalidOperationException("RABBIT_URI is not set"));
var messages = int.Parse(Environment.GetEnvironmentVariable("MESSAGES") ?? "209390", CultureInfo.InvariantCulture);
var size = int.Parse(Environment.GetEnvironmentVariable("SIZE") ?? "900", CultureInfo.InvariantCulture);
const int InFlight = 500;

var factory = new ConnectionFactory { Uri = uri };
await using var publisherConnection = await factory.CreateConnectionAsync("bench-broker-publisher");
await using var consumerConnection = await factory.CreateConnectionAsync("bench-broker-consumer");
var queue = $"bench-broker-{Environment.ProcessId}";
await using (var setup = await publisherConnection.CreateChannelAsync())
    await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);

await using var consumerChannel = await consumerConnection.CreateChannelAsync();
await consumerChannel.BasicQosAsync(0, 1000, false);
var received = 0;
var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var consumer = new AsyncEventingBasicConsumer(consumerChannel);
consumer.ReceivedAsync += async (_, delivery) =>
{
    await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    if (Interlocked.Increment(ref received) == messages)
        done.TrySetResult();
};

var body = Encoding.UTF8.GetBytes(new string('x', size));
var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
var timer = Stopwatch.StartNew();
await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);
await using (var channel = await publisherConnection.CreateChannelAsync(new CreateChannelOptions(
    publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null)))
{
    var pending = new List<Task>(InFlight);
    for (var i = 0; i < messages; i++)
    {
        pending.Add(channel.BasicPublishAsync("", queue, mandatory: false, properties, body).AsTask());
        if (pending.Count == InFlight)
        {
            await Task.WhenAll(pending);
            pending.Clear();
        }
    }
    await Task.WhenAll(pending);
}
await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
var seconds = timer.Elapsed.TotalSeconds;
await using (var cleanup = await publisherConnection.CreateChannelAsync())
    await cleanup.QueueDeleteAsync(queue);
Console.WriteLine(seconds.ToString("F2", CultureInfo.InvariantCulture));
