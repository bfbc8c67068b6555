namespace Monitoring.Scoring.Policies;

/// <summary>
/// Measures a rule expression before anything parses or compiles it: its length, how many tokens it has and
/// how deeply its parentheses nest. System.Linq.Dynamic.Core parses recursively and the expression compiler
/// compiles recursively, so 10,000 nested parentheses or 5,000 chained terms overflow the stack, and a stack
/// overflow ends the process: no handler catches it. Within these bounds the depth of both is small.
/// </summary>
public static class ExpressionBounds
{
    /// <summary>Why <paramref name="text"/> is too large to parse, or null when it is within <paramref name="limits"/>.</summary>
    public static string? Problem(string text, PolicyLimits limits)
    {
        if (text.Length > limits.MaxExpressionLength)
            return $"is longer than {limits.MaxExpressionLength} characters";

        var tokens = 0;
        var depth = 0;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (++tokens > limits.MaxExpressionTokens)
                return $"has more than {limits.MaxExpressionTokens} terms and operators";
            if (c is '"' or '\'')
                i = SkipQuoted(text, i);
            else if (char.IsLetterOrDigit(c) || c is '_' or '.')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                    i++;
            }
            else
            {
                if (c is '(' or '[' or '{' && ++depth > limits.MaxExpressionNesting)
                    return $"nests parentheses more than {limits.MaxExpressionNesting} deep";
                if (c is ')' or ']' or '}')
                    depth = Math.Max(0, depth - 1);
                i++;
            }
        }
        return null;
    }

    /// <summary>The index after a quoted literal (backslash escapes the next character); the end when it is not closed.</summary>
    static int SkipQuoted(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == quote)
                return i + 1;
        }
        return text.Length;
    }
}
