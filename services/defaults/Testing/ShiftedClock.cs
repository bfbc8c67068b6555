using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.ServiceDefaults.Access;

namespace Monitoring.ServiceDefaults.Testing;

/// <summary>
/// The system clock moved forward by an offset an end-to-end test sets (<c>POST /testing/clock</c>), so a test
/// reaches a one-month deadline in seconds. Only in the Testing environment and only when
/// <c>Testing:ShiftableClock=true</c>; timers keep real time, only "now" moves.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public sealed record Shift(TimeSpan Advance);

    internal static bool Enabled(IHostApplicationBuilder builder) =>
        builder.Environment.IsEnvironment("Testing") && builder.Configuration.GetValue<bool>("Testing:ShiftableClock");

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/testing/clock", (Shift shift, ShiftedClock clock) =>
        {
            clock.Advance(shift.Advance);
            return Results.Ok(new { now = clock.GetUtcNow(), offset = clock.Offset });
        }).RequireAuthorization(AccessPolicies.Operator).ExcludeFromDescription();
}
