using System.ComponentModel.DataAnnotations;

namespace Monitoring.Notice;

/// <summary>The <c>Notice</c> section.</summary>
public sealed class NoticeOptions
{
    public const string Section = "Notice";

    /// <summary>
    /// A TrueType font with CJK glyphs, embedded (subset) into every PDF. Debian's <c>fonts-droid-fallback</c>
    /// (Apache-2.0) by default; <c>scripts/infra.sh</c> installs it.
    /// </summary>
    [Required]
    public string FontPath { get; init; } = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
}
