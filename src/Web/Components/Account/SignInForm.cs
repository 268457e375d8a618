using System.ComponentModel.DataAnnotations;

namespace SglangCi.Web.Components.Account;

/// <summary>What the sign-in page posts.</summary>
public sealed class SignInForm
{
    /// <summary>Who is acting, for the audit log and the run triggers ("run now by …"); not verified.</summary>
    [StringLength(64, ErrorMessage = "A name has at most 64 characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the access token.")]
    public string? AccessToken { get; set; }

    /// <summary>The page to return to, carried through the post from the link's <c>returnUrl</c>.</summary>
    public string? ReturnUrl { get; set; }
}
