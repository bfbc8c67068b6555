using System.Linq.Expressions;
using System.Reflection;
using Monitoring.Scoring.Facts;

namespace Monitoring.Scoring.Policies;

/// <summary>
/// Walks a parsed rule expression and accepts only what a scoring rule needs: the facts' properties,
/// constants, arithmetic, comparisons, logic, conditionals, numeric conversions, a few <see cref="Math"/>
/// functions and string comparisons. Anything else (reflection, object creation, IO, static members of
/// other types, nested lambdas) is refused: System.Linq.Dynamic.Core's expression language can otherwise reach
/// <c>GetType().Assembly</c> through any object.
/// </summary>
sealed class ExpressionAllowlist : ExpressionVisitor
{
    static readonly HashSet<Type> Scalars =
    [
        typeof(bool), typeof(int), typeof(long), typeof(decimal), typeof(double), typeof(float), typeof(short), typeof(byte),
        typeof(string),
    ];

    static readonly HashSet<string> MathFunctions = ["Min", "Max", "Abs", "Round", "Floor", "Ceiling"];
    static readonly HashSet<string> StringFunctions = ["StartsWith", "EndsWith", "Contains", "Equals", "op_Equality", "op_Inequality"];

    readonly List<string> problems = [];

    public static IReadOnlyList<string> Check(Expression expression)
    {
        var visitor = new ExpressionAllowlist();
        visitor.Visit(expression);
        return visitor.problems;
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        // The outer lambda (facts => ...) is the rule itself; a lambda inside it would be a new scope.
        if (node.Parameters is not [{ } p] || p.Type != typeof(PlanFacts))
            return Refuse(node, "a nested lambda");
        Visit(node.Body);
        return node;
    }

    protected override Expression VisitParameter(ParameterExpression node) =>
        node.Type == typeof(PlanFacts) ? node : Refuse(node, $"the parameter {node.Name}");

    protected override Expression VisitConstant(ConstantExpression node) =>
        node.Value is null || IsScalar(node.Type) ? node : Refuse(node, $"a constant of type {node.Type.Name}");

    protected override Expression VisitMember(MemberExpression node)
    {
        // Facts are scalars; PlanFacts.Evidence (text for warnings) is not a fact a rule may read.
        var allowed = node.Member is PropertyInfo { DeclaringType: var declaring, GetMethod.IsStatic: false } property
            && ((declaring == typeof(PlanFacts) && node.Expression is ParameterExpression && IsScalar(property.PropertyType))
                || (declaring == typeof(string) && node.Member.Name == nameof(string.Length)));
        return allowed ? base.VisitMember(node) : Refuse(node, $"the member {node.Member.DeclaringType?.Name}.{node.Member.Name}");
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var method = node.Method;
        var allowed = (method.DeclaringType == typeof(Math) && MathFunctions.Contains(method.Name))
            || (method.DeclaringType == typeof(decimal) && method.IsStatic && (MathFunctions.Contains(method.Name) || method.Name.StartsWith("op_", StringComparison.Ordinal)))
            || (method.DeclaringType == typeof(string) && StringFunctions.Contains(method.Name));
        return allowed ? base.VisitMethodCall(node) : Refuse(node, $"the method {method.DeclaringType?.Name}.{method.Name}");
    }

    protected override Expression VisitUnary(UnaryExpression node) => node.NodeType switch
    {
        ExpressionType.Convert or ExpressionType.ConvertChecked when IsScalar(node.Type) => base.VisitUnary(node),
        ExpressionType.Not or ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.UnaryPlus => base.VisitUnary(node),
        _ => Refuse(node, $"the operation {node.NodeType} to {node.Type.Name}"),
    };

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.ArrayIndex or ExpressionType.Assign or ExpressionType.Power)
            return Refuse(node, $"the operation {node.NodeType}");
        if (node.Method is { } method && method.DeclaringType != typeof(decimal) && method.DeclaringType != typeof(string))
            return Refuse(node, $"the operator {method.DeclaringType?.Name}.{method.Name}");
        return base.VisitBinary(node);
    }

    protected override Expression VisitConditional(ConditionalExpression node) => base.VisitConditional(node);

    protected override Expression VisitNew(NewExpression node) => Refuse(node, $"creating a {node.Type.Name}");
    protected override Expression VisitNewArray(NewArrayExpression node) => Refuse(node, "creating an array");
    protected override Expression VisitInvocation(InvocationExpression node) => Refuse(node, "invoking a delegate");
    protected override Expression VisitTypeBinary(TypeBinaryExpression node) => Refuse(node, "a type test");
    protected override Expression VisitIndex(IndexExpression node) => Refuse(node, "an indexer");
    protected override Expression VisitMemberInit(MemberInitExpression node) => Refuse(node, "object initialization");
    protected override Expression VisitListInit(ListInitExpression node) => Refuse(node, "list initialization");
    protected override Expression VisitBlock(BlockExpression node) => Refuse(node, "a block");
    protected override Expression VisitDynamic(DynamicExpression node) => Refuse(node, "a dynamic call");
    protected override Expression VisitExtension(Expression node) => Refuse(node, "an extension node");

    static bool IsScalar(Type type) => Scalars.Contains(Nullable.GetUnderlyingType(type) ?? type);

    Expression Refuse(Expression node, string what)
    {
        problems.Add($"uses {what}, which policies may not");
        return node;
    }
}
