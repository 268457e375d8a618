using Xunit.Sdk;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// A fact of a contract that several database engines' test classes inherit: it runs on whichever engine the class
/// tests, and on a class with <c>[Trait("Category", "Postgres")]</c> it is skipped like a <see cref="PostgresFactAttribute"/>
/// when no server is configured. A plain attribute cannot do that: it knows its method, not the class that inherits it.
/// </summary>
[XunitTestCaseDiscoverer("SglangCi.Integration.Tests.Postgres.EngineFactDiscoverer", "SglangCi.Integration.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EngineFactAttribute : FactAttribute;
