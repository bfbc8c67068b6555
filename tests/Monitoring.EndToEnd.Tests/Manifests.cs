using System.Diagnostics;
using System.Text.Json.Nodes;
using Monitoring.Testing;
using YamlDotNet.RepresentationModel;

namespace Monitoring.EndToEnd.Tests;

/// <summary>An overlay of <c>deploy/k8s</c> as <c>kubectl kustomize</c> renders it: every document, as JSON.</summary>
public sealed class Manifests(IReadOnlyList<JsonObject> documents)
{
    public static readonly string[] Services = ["ingest", "scoring", "alerts", "notice"];

    /// <summary>The hosts the Deployments run: the four services and the centers' console.</summary>
    public static readonly string[] Hosts = [.. Services, "console"];

    public IReadOnlyList<JsonObject> Documents => documents;

    public IEnumerable<JsonObject> OfKind(string kind) => documents.Where(d => (string?)d["kind"] == kind);

    /// <summary>The service a Deployment (or anything named after one) runs: the one its name contains.</summary>
    public static string ServiceOf(JsonObject resource)
    {
        var name = (string)resource["metadata"]!["name"]!;
        return Hosts.Single(s => name.Contains(s, StringComparison.Ordinal));
    }

    public static async Task<Manifests> RenderAsync(string overlay)
    {
        var directory = Path.Combine(Repository.Root, "deploy", "k8s", "overlays", overlay);
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("kubectl", ["kustomize", directory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "kubectl is needed to render deploy/k8s (kubectl kustomize): install kubectl (v1.27 or later, it carries kustomize) " +
                "from https://kubernetes.io/docs/tasks/tools/ or your distribution", ex);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"kubectl kustomize {directory} failed: {await errors}");
            var yaml = new YamlStream();
            yaml.Load(new StringReader(await output));
            return new Manifests([.. yaml.Documents.Select(d => (JsonObject)ToJson(d.RootNode)!)]);
        }
    }

    // Scalars stay strings (YAML's plain scalars are untyped here): callers parse what they compare as numbers.
    static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}"),
    };
}
