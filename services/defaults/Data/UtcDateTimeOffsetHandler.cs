using System.Data;
using Dapper;
using NpgsqlTypes;
using Npgsql;

namespace Monitoring.ServiceDefaults.Data;

/// <summary>
/// Times travel with their offset (API.md: Asia/Shanghai, +08:00), but Npgsql writes only UTC
/// <see cref="DateTimeOffset"/>s to <c>timestamptz</c>. Every Dapper parameter of that type is turned into
/// the same instant in UTC, so no call site has to remember; reads come back as UTC.
/// </summary>
public sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) != 0)
            return;
        // Dapper consults its built-in type map before custom handlers: take DateTimeOffset out of it.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
    }

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.Value = value.ToUniversalTime();
        if (parameter is NpgsqlParameter npgsql)
            npgsql.NpgsqlDbType = NpgsqlDbType.TimestampTz;
    }

    /// <summary>
    /// A <c>timestamptz</c> as Npgsql reads it (a UTC <see cref="DateTime"/>) as the instant it is. Row records
    /// read through constructors take <see cref="DateTime"/>, since Dapper matches constructors by exact type
    /// and skips type handlers there; they convert with this.
    /// </summary>
    public static DateTimeOffset FromDatabase(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static DateTimeOffset? FromDatabase(DateTime? utc) => utc is { } time ? FromDatabase(time) : null;

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => FromDatabase(time),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a DateTimeOffset"),
    };
}
