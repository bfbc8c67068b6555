using System.ComponentModel.DataAnnotations;

namespace Monitoring.Notice;

/// <summary>The <c>Notice</c> section.</summary>
public sealed class NoticeOptions
{
    public const string Section = "Notice";

    /// <summary>
    /// A TrueType font (or collection) with CJK and Latin glyphs, embedded as a subset into every PDF. Debian's
    /// <c>fonts-wqy-microhei</c> by default (Apache-2.0 or GPL-3 with the font exception); <c>scripts/infra.sh</c>
    /// installs it. Fonts with CJK glyphs only (Droid Sans Fallback) would print digits as empty boxes. A relative path
    /// is taken from the service's folder: a build on a machine with that font carries it as <c>Fonts/wqy-microhei.ttc</c>
    /// (the container images have no fonts of their own; deploy/k8s points here).
    /// </summary>
    [Required]
    public string FontPath { get; init; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
}
