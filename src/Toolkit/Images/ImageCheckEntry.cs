namespace SglangCi.Toolkit.Images;

/// <summary>One line of the image check: a night, the expected image, the verdict, the full image name if a tag was found.</summary>
public sealed record ImageCheckEntry(DateOnly Date, ExpectedImage Expected, ImageAvailability Status, string? Image, string? Detail)
{
    /// <summary>Missing in the sense that counts: required and not pullable.</summary>
    public bool IsRequiredMissing => Expected.Required && Status != ImageAvailability.Available;
}
