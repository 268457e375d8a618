using Xunit.Abstractions;
using Xunit.Sdk;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// Finds <see cref="EngineFactAttribute"/> tests: one test case per method and class, skipped with
/// <see cref="PostgresSkip.Reason"/> when the class is in the Postgres category and there is no server (unless CI
/// requires the infrastructure, as for <see cref="PostgresFactAttribute"/>).
/// </summary>
public sealed class EngineFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (NeedsPostgres(testMethod.TestClass.Class) && PostgresSkip.Reason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }

    private static bool NeedsPostgres(ITypeInfo testClass) =>
        testClass.GetCustomAttributes(typeof(TraitAttribute)).Any(trait =>
            trait.GetConstructorArguments().ToArray() is [string name, string value] && name == "Category" && value == "Postgres");
}
