using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Contracts;
using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Configuration;

using Monitoring.ServiceDefaults.Telemetry;

namespace Monitoring.ServiceDefaults.Messaging;

public static class MessageBusExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ from the <c>RabbitMq</c> section: kebab-case endpoints, prefetch and
    /// concurrency from configuration, retries at the configured intervals and then the endpoint's
    /// <c>_error</c> queue, quorum queues when asked, and the outbox relay and inbox of this service.
    /// Queue names start with <paramref name="service"/>, so two services consuming the same message each get
    /// their own queue (<c>alerts-plan-scored</c>, <c>notice-plan-scored</c>) instead of competing for one.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        // Read here, not from IOptions: the endpoint callback is registered before the container exists.
        var quorumQueues = builder.Configuration.GetValue<bool>($"{RabbitMqOptions.Section}:{nameof(RabbitMqOptions.QuorumQueues)}");
        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, includeNamespace: false));
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "broker";
                o.Tags.Add(HealthTags.Ready);
            });
            if (quorumQueues)
                x.AddConfigureEndpointsCallback((_, cfg) => (cfg as IRabbitMqReceiveEndpointConfigurator)?.SetQuorumQueue());
            // Every service authenticates callers against its own copy of the keys (see AddAccess).
            x.AddConsumer<ApiKeyIssuedConsumer>();
            x.AddConsumer<ApiKeyRevokedConsumer>();
            consumers?.Invoke(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                var rabbit = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                });
                cfg.PrefetchCount = rabbit.PrefetchCount;
                cfg.ConcurrentMessageLimit = rabbit.ConcurrentMessageLimit;
                if (rabbit.RetryIntervals.Length > 0)
                    cfg.UseMessageRetry(r => r.Intervals(rabbit.RetryIntervals));
                cfg.ConfigureJsonSerializerOptions(ContractSerialization.Configure);
                // Every consumer runs in its own transaction behind the inbox, its messages through the outbox.
                cfg.ConnectConsumerConfigurationObserver(new ExactlyOnceObserver());
                // Records MassTransit's meter (receive, consume, publish, faults), which /metrics exports.
                cfg.UseInstrumentation(serviceName: service);
                // The base record is a C# convenience, not a message: no exchange for it.
                cfg.Publish<Contract>(p => p.Exclude = true);
                cfg.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddMetrics<MessagingMetrics>();
        builder.Services.AddScrapeGauges<OutboxGauges>();
        builder.Services.AddSingleton<ReliableMessaging>();
        builder.Services.AddScoped<ConsumeTransaction>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }
}
