namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// What a command in a container that becomes an image gets through <c>docker exec</c> rather than from its container:
/// <c>docker commit</c> fills every setting the new image's configuration leaves out from the container's, so whatever
/// the container carried (the run's environment, our working directory) would end up in the image.
/// </summary>
/// <param name="Environment">Entries (<c>NAME=value</c>): the node's, the launch's and the GPU visibility variables.</param>
/// <param name="WorkingDir">The configured working directory; null: the image's own.</param>
internal sealed record KeptCommandSettings(IList<string>? Environment, string? WorkingDir);
