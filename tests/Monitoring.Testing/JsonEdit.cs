using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Monitoring.Testing;

/// <summary>Changes one value of a body by path (<c>results[0].candidateId</c>), as a bad upstream would.</summary>
public static partial class JsonEdit
{
    /// <summary>Sets the value at <paramref name="path"/>; <see cref="Missing"/> removes the property.</summary>
    public static JsonObject With(this JsonObject body, string path, object? value)
    {
        var segments = path.Split('.');
        JsonNode parent = body;
        for (var i = 0; i < segments.Length - 1; i++)
            parent = Step(parent, segments[i]);

        var last = segments[^1];
        var index = Index().Match(last);
        if (index.Success)
        {
            var array = parent[index.Groups[1].Value]!.AsArray();
            array[int.Parse(index.Groups[2].Value, CultureInfo.InvariantCulture)] = ToNode(value);
        }
        else if (ReferenceEquals(value, Missing))
            parent.AsObject().Remove(last);
        else
            parent[last] = ToNode(value);
        return body;
    }

    /// <summary>Marks a property to remove.</summary>
    public static readonly object Missing = new();

    static JsonNode Step(JsonNode node, string segment)
    {
        var index = Index().Match(segment);
        return index.Success
            ? node[index.Groups[1].Value]![int.Parse(index.Groups[2].Value, CultureInfo.InvariantCulture)]!
            : node[segment]!;
    }

    static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => System.Text.Json.JsonSerializer.SerializeToNode(value),
    };

    [GeneratedRegex(@"^(\w+)\[(\d+)\]$")]
    private static partial Regex Index();
}
