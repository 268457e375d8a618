namespace SglangCi.Web.Security;

/// <summary>
/// The <c>SglangCi:Dashboard</c> section: who may act on the cluster from the dashboard and its API.
/// Viewing is open by default; actions (run now, enable/disable a schedule) always need a signed-in user.
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "SglangCi:Dashboard";

    /// <summary>
    /// The secret that signs a user in (the sign-in form's password) and authorises API calls
    /// (<c>Authorization: Bearer …</c>). When empty, one is generated on first start and kept in
    /// <see cref="AccessTokenFileName"/> under the data directory (readable by its owner only).
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>When true, every page and API call needs sign-in too, not only actions.</summary>
    public bool ViewRequiresSignIn { get; set; }

    /// <summary>How long a sign-in lasts without use.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromDays(14);

    public const string AccessTokenFileName = "dashboard-access-token";
}
