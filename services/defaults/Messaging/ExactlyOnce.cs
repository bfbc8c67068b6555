using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitoring.ServiceDefaults.Messaging;

/// <summary>
/// The transaction a consumer's message runs in, for the consumer and the features it calls (a scoped service:
/// one per message). <see cref="ExactlyOnceFilter{TConsumer, TMessage}"/> opens it before the consumer runs
/// and commits it after; the consumer only writes through it and queues messages on it.
/// </summary>
public sealed class ConsumeTransaction
{
    MessagingTransaction? current;

    public MessagingTransaction Current
    {
        get => current ?? throw new InvalidOperationException(
            "No consume transaction: a consumer's transaction exists only while ExactlyOnceFilter runs it");
        internal set => current = value;
    }
}

/// <summary>
/// Exactly-once effect for every consumer of every service, in the pipeline rather than in each consumer (the
/// shape of MassTransit's own <c>OutboxConsumeFilter</c>): the filter opens a transaction, writes the inbox
/// row keyed by consumer name and message id, lets the consumer change state and queue messages in it, and
/// commits, which writes those messages to the outbox. A redelivered message finds its inbox row, is
/// acknowledged and changes nothing. The inbox key is the consumer's type name, as rows already stored have it.
/// </summary>
/// <remarks>
/// Batch consumers (<c>IConsumer&lt;Batch&lt;T&gt;&gt;</c>) keep their own path,
/// <see cref="ReliableMessaging.ConsumeBatchOnceAsync{TMessage}"/>: a redelivered batch may mix messages seen
/// before with new ones, and the consumer must be handed only the new ones, which a filter around the whole
/// batch cannot give it.
/// </remarks>
public sealed class ExactlyOnceFilter<TConsumer, TMessage> : IFilter<ConsumerConsumeContext<TConsumer, TMessage>>
    where TConsumer : class
    where TMessage : class
{
    static readonly string Consumer = typeof(TConsumer).Name;

    public Task Send(ConsumerConsumeContext<TConsumer, TMessage> context, IPipe<ConsumerConsumeContext<TConsumer, TMessage>> next) =>
        ConsumeOnceAsync(context, next);

    static async Task ConsumeOnceAsync(ConsumerConsumeContext<TConsumer, TMessage> context, IPipe<ConsumerConsumeContext<TConsumer, TMessage>> next)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id, so it cannot be deduplicated");
        var services = context.GetPayload<IServiceProvider>();
        var messaging = services.GetRequiredService<ReliableMessaging>();
        var metrics = services.GetRequiredService<MessagingMetrics>();
        var cancellationToken = context.CancellationToken;

        await using var transaction = await messaging.BeginAsync(context.ConversationId, context.CorrelationId, cancellationToken);
        var first = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox (consumer, message_id) VALUES (@consumer, @messageId) ON CONFLICT DO NOTHING",
            new { consumer = Consumer, messageId }, transaction.Transaction, cancellationToken: cancellationToken));
        if (first == 0)
        {
            metrics.Duplicates.WithLabels(Consumer).Inc();
            services.GetRequiredService<ILogger<ConsumeTransaction>>().LogInformation(
                "{Consumer} already handled message {MessageId}; dropping the redelivery", Consumer, messageId);
            return;
        }

        services.GetRequiredService<ConsumeTransaction>().Current = transaction;
        await next.Send(context);
        await transaction.CommitAsync(cancellationToken);
        metrics.Consumed.WithLabels(Consumer, typeof(TMessage).Name).Inc();
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("exactlyOnce");
}

/// <summary>Puts <see cref="ExactlyOnceFilter{TConsumer, TMessage}"/> in front of every consumer as it is configured, batch consumers aside.</summary>
sealed class ExactlyOnceObserver : IConsumerConfigurationObserver
{
    public void ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator) where TConsumer : class
    {
    }

    public void ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator)
        where TConsumer : class
        where TMessage : class
    {
        if (typeof(TMessage).IsGenericType && typeof(TMessage).GetGenericTypeDefinition() == typeof(Batch<>))
            return;
        configurator.UseFilter(new ExactlyOnceFilter<TConsumer, TMessage>());
    }
}
