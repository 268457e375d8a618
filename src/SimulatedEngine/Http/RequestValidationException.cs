namespace SglangCi.SimulatedEngine.Http;

/// <summary>
/// A request the server must refuse with HTTP 400; thrown by the parsers and turned into SGLang's error
/// JSON in one place, so every validation message names the offending field.
/// </summary>
internal sealed class RequestValidationException(string message) : Exception(message);
