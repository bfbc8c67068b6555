using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Monitoring.ServiceDefaults.Configuration;

/// <summary>
/// Options validated by their data annotations, one validation at a time per process. <c>RangeAttribute</c> is not
/// thread-safe for ranges it must convert (<c>[Range(typeof(TimeSpan), …)]</c>: dotnet/runtime#1143), and the
/// attribute instances are shared by every host in a process: two hosts starting at once (the test suites run many)
/// can fail each other's validation with an <see cref="InvalidCastException"/>. Validation runs at start only,
/// so serializing it costs nothing.
/// </summary>
public static class AnnotatedOptions
{
    static readonly Lock Gate = new();

    /// <summary><c>ValidateDataAnnotations()</c>, safe when several hosts of one process validate at once.</summary>
    public static OptionsBuilder<TOptions> ValidateAnnotations<TOptions>(this OptionsBuilder<TOptions> builder) where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new Serialized<TOptions>(new DataAnnotationValidateOptions<TOptions>(builder.Name)));
        return builder;
    }

    sealed class Serialized<TOptions>(IValidateOptions<TOptions> inner) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            lock (Gate)
                return inner.Validate(name, options);
        }
    }
}
