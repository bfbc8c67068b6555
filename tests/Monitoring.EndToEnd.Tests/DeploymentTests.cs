using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Monitoring.Testing;
using Xunit;

namespace Monitoring.EndToEnd.Tests;

/// <summary>
/// <c>deploy/k8s</c> read together with the code it deploys: the queues KEDA watches are the ones the services declare
/// on a real broker, and every setting a Deployment passes is an option its service binds. Probes and ports against
/// <c>Urls</c>, <c>Metrics__Port</c> and the csproj are scripts/check-k8s.sh's; what only a cluster shows is listed in
/// docs/deploying.md.
/// </summary>
public sealed partial class DeploymentTests
{
    public static TheoryData<string> Overlays => new() { "local", "production" };

    [Fact]
    public async Task Every_queue_a_ScaledObject_watches_is_a_queue_its_service_declares_on_the_broker()
    {
        var manifests = await Manifests.RenderAsync("production");
        var watched = manifests.OfKind("ScaledObject")
            .SelectMany(s => s["spec"]!["triggers"]!.AsArray().Select(t => t!.AsObject())
                .Where(t => (string?)t["type"] == "rabbitmq")
                .Select(t => (Service: Manifests.ServiceOf(s), Queue: (string)t["metadata"]!["queueName"]!)))
            .ToList();
        Assert.NotEmpty(watched);

        await using var environment = await TestEnvironment.CreateAsync();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in watched.Select(w => w.Service).Distinct())
        {
            // Started once on an empty virtual host, a service declares its endpoints' queues.
            await using var process = await ServiceProcess.StartAsync(service, environment);
            using var management = environment.Infrastructure.ManagementClient();
            var queues = JsonDocument.Parse(await management.GetStringAsync($"api/queues/{Uri.EscapeDataString(environment.VirtualHost)}")).RootElement;
            declared.UnionWith(queues.EnumerateArray().Select(q => q.GetProperty("name").GetString()!));
        }
        var unknown = watched.Where(w => !declared.Contains(w.Queue) || !w.Queue.StartsWith(w.Service + "-", StringComparison.Ordinal)).ToList();
        Assert.True(unknown.Count == 0, $"ScaledObjects watch queues their service does not declare: {string.Join(", ", unknown)}; declared: {string.Join(", ", declared.Order())}");
        // And the other way: a queue a scaled service declares and no trigger watches would fill up unnoticed by KEDA.
        var unwatched = declared.Where(q => watched.Any(w => q.StartsWith(w.Service + "-", StringComparison.Ordinal)) && !watched.Any(w => w.Queue == q)).ToList();
        Assert.True(unwatched.Count == 0, $"queues no ScaledObject watches: {string.Join(", ", unwatched)}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_setting_a_Deployment_passes_is_an_option_its_service_binds(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var unbound = new List<string>();
        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var options = OptionsOf(Manifests.ServiceOf(deployment));
            foreach (var container in Containers(deployment))
            {
                var variables = Variables(container, manifests);
                // A variable another one reads as $(NAME) is a part of it (a password in a connection string), not an option.
                var parts = variables.Values.SelectMany(v => Reference().Matches(v ?? "").Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
                unbound.AddRange(variables.Keys.Where(n => !parts.Contains(n) && !IsHostSetting(n) && !options.Binds(n)).Select(n => $"{deployment["metadata"]!["name"]}: {n}"));
            }
        }
        Assert.True(unbound.Count == 0, $"settings no option binds (a typo is silently ignored by the service): {string.Join(", ", unbound)}");
    }

    static IEnumerable<JsonObject> Containers(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject());

    /// <summary>
    /// A container's environment by name: its ConfigMaps' data, then its own variables (which win); null for a value
    /// taken from elsewhere (a Secret).
    /// </summary>
    static Dictionary<string, string?> Variables(JsonObject container, Manifests manifests)
    {
        var configMaps = manifests.OfKind("ConfigMap").ToDictionary(c => (string)c["metadata"]!["name"]!, StringComparer.Ordinal);
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            if (source!["configMapRef"]?["name"] is { } name && configMaps.TryGetValue((string)name!, out var map))
                foreach (var (key, value) in map["data"]?.AsObject() ?? [])
                    variables[key] = (string?)value;
        }
        foreach (var variable in container["env"]?.AsArray() ?? [])
            variables[(string)variable!["name"]!] = (string?)variable["value"];
        return variables;
    }

    /// <summary>Settings the host reads, not an options class: its URLs, shutdown, logging, .NET and OpenTelemetry variables.</summary>
    static bool IsHostSetting(string name) =>
        name is "Urls" or "ShutdownTimeoutSeconds" || name.StartsWith("Logging__", StringComparison.Ordinal)
        || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal)
        || name.StartsWith("OTEL_", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();

    /// <summary>The options classes of a service's build (its own and the shared defaults), by configuration section.</summary>
    static ServiceOptions OptionsOf(string service)
    {
        var name = "Monitoring." + char.ToUpperInvariant(service[0]) + service[1..];
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(Repository.Root, "services", service, "bin", configuration, "net10.0", name + ".dll");
        var context = new ServiceLoadContext(path);
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in new[] { context.LoadFromAssemblyPath(path), context.LoadFromAssemblyName(new AssemblyName("Monitoring.ServiceDefaults")) })
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string section)
                    sections[section] = type;
            }
        }
        return new ServiceOptions(sections);
    }

    sealed class ServiceLoadContext(string path) : AssemblyLoadContext(isCollectible: true)
    {
        readonly AssemblyDependencyResolver resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            resolver.ResolveAssemblyToPath(assemblyName) is { } file ? LoadFromAssemblyPath(file) : null;
    }

    sealed class ServiceOptions(IReadOnlyDictionary<string, Type> sections)
    {
        /// <summary>Whether <c>A__B__C</c> names a property path under an options section (list items by index).</summary>
        public bool Binds(string variable)
        {
            var key = variable.Split("__");
            for (var length = key.Length - 1; length >= 1; length--)
            {
                if (sections.TryGetValue(string.Join(':', key, 0, length), out var type) && Resolves(type, key.AsSpan(length)))
                    return true;
            }
            return false;
        }

        static bool Resolves(Type type, ReadOnlySpan<string> path)
        {
            while (path.Length > 0)
            {
                if (type != typeof(string) && type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } items
                    && typeof(IEnumerable).IsAssignableFrom(type))
                {
                    if (!int.TryParse(path[0], out _))
                        return false;
                    type = items.GetGenericArguments()[0];
                    path = path[1..];
                    continue;
                }
                var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null)
                    return false;
                type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                path = path[1..];
            }
            return true;
        }
    }
}
